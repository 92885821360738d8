package io.github.gigachat.scan;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the detector over bytes. Keys are ASCII, so no encoding can hide one: UTF-8 is scanned byte for byte without
 * decoding (see {@link KeyDetector#detectUtf8(byte[])}; invalid bytes cannot be part of a key), UTF-16 decoded when a
 * byte order mark says so, and binary content (a NUL in its first 8 KiB, as git decides) byte for byte too, with
 * columns in bytes, so a key inside a {@code .class} constant pool is still found. Binary and UTF-8 are scanned alike,
 * so whether content is binary is asked only for the columns of a finding.
 */
final class Texts {
    private static final int BINARY_PROBE = 8000;

    private Texts() {}

    static List<KeyFinding> detect(KeyDetector detector, byte[] content) {
        String utf16 = utf16(content);
        if (utf16 != null) {
            return detector.detect(utf16);
        }
        return detector.detect(content, () -> isBinary(content));
    }

    /** The text of a file that starts with a UTF-16 byte order mark, else null. */
    private static String utf16(byte[] content) {
        int n = content.length;
        if (n >= 2) {
            int b0 = content[0] & 0xFF;
            int b1 = content[1] & 0xFF;
            if (b0 == 0xFE && b1 == 0xFF) {
                return new String(content, 2, n - 2, StandardCharsets.UTF_16BE);
            }
            if (b0 == 0xFF && b1 == 0xFE) {
                return new String(content, 2, n - 2, StandardCharsets.UTF_16LE);
            }
        }
        return null;
    }

    static boolean isBinary(byte[] content) {
        int end = Math.min(content.length, BINARY_PROBE);
        for (int i = 0; i < end; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
