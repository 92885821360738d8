package io.github.gigachat.scan;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Keys for scan tests: made up, never valid anywhere. */
final class ScanTestKeys {
    static final String ID = "0b6e3c2a-9d41-4f7e-8a25-6c1d0e9f4b37";
    static final String SECRET = "5e2f8a1c-3b7d-4c90-a6e4-1d8f2b9c7a05";
    static final String KEY = b64(ID + ":" + SECRET);
    static final String OTHER_KEY = b64("7c4a1e9d-2b6f-4d38-9e05-3a7b1c8d6f24:second-made-up-secret");

    private ScanTestKeys() {}

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
