package io.github.gigachat.emulator;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * The two halves of an {@code Authorization} header that carries {@code base64(name ":" secret)}: the OAuth
 * endpoint's Authorization Key (client id and secret) and {@code /token}'s HTTP Basic user and password.
 */
record BasicAuthorization(String name, String secret) {
    /**
     * Decodes {@code Basic <base64>} (and, when {@code bearerToo}, {@code Bearer <base64>}); null for a missing header,
     * another scheme, broken Base64, bytes that are not UTF-8, or no colon.
     */
    static BasicAuthorization parse(String authorization, boolean bearerToo) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        if (!scheme.equals("basic") && !(bearerToo && scheme.equals("bearer"))) {
            return null;
        }
        String decoded = decodeBase64Utf8(value.substring(space + 1).trim());
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return new BasicAuthorization(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** Compares the secret in constant time. */
    boolean secretIs(String expected) {
        return expected != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeBase64Utf8(String key) {
        try {
            byte[] bytes = Base64.getDecoder().decode(key);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "BasicAuthorization[" + name + "]";
    }
}
