package io.github.gigachat.scan;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.IntUnaryOperator;

/**
 * Finds Base64 {@code UUID:secret} keys: a cheap pass picks runs of Base64, URL and escape characters long enough to
 * hold a key, and only those are unescaped (JSON, URL-encoding) and decoded, once or, for a Kubernetes Secret value,
 * twice.
 */
final class AuthorizationKeys {
    /** Base64 characters of the shortest key: 36 (UUID) + 1 (':') + 1 (secret) bytes, unpadded. */
    static final int MIN_KEY_CHARS = 51;

    /** Largest Base64 token decoded a second time, so a huge embedded blob costs one decode only. */
    private static final int MAX_NESTED_CHARS = 1 << 16;

    /** The first Base64 character of a hex digit: {@code 0-3 4-7 8-9 a-c d-f A-C D-F}. */
    private static final String KEY_FIRST = "MNOYZQR";

    private static final boolean[] RUN = new boolean[128];
    private static final boolean[] BASE64 = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            BASE64[c] = true;
            BASE64[c + ('a' - 'A')] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            BASE64[c] = true;
        }
        for (char c : "+/-_".toCharArray()) {
            BASE64[c] = true;
        }
        System.arraycopy(BASE64, 0, RUN, 0, RUN.length);
        for (char c : "=%\\".toCharArray()) {
            RUN[c] = true;
        }
    }

    /** Receives each key found: the offset in the scanned text and the key in standard padded Base64. */
    interface Sink {
        void found(int offset, String standardKey);
    }

    private AuthorizationKeys() {}

    static void scan(String text, Sink sink) {
        int n = text.length();
        int i = 0;
        // i always starts a possible run: it is 0 or follows a character outside RUN.
        while (i + MIN_KEY_CHARS <= n) {
            int last = i + MIN_KEY_CHARS - 1;
            if (!inRun(text.charAt(last))) {
                i = last + 1;
                continue;
            }
            int q = last - 1;
            while (q >= i && inRun(text.charAt(q))) {
                q--;
            }
            if (q >= i) {
                i = q + 1;
                continue;
            }
            int end = last + 1;
            while (end < n && inRun(text.charAt(end))) {
                end++;
            }
            candidateRun(text, i, end, sink);
            i = end + 1;
        }
    }

    private static boolean inRun(char c) {
        return c < 128 && RUN[c];
    }

    private static boolean isBase64(char c) {
        return c < 128 && BASE64[c];
    }

    /** Undoes JSON escapes and URL-encoding in the run, keeping where each character came from. */
    private static void candidateRun(String text, int start, int end, Sink sink) {
        StringBuilder plain = new StringBuilder(end - start);
        int[] origin = new int[end - start];
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            int from = i;
            if (c == '\\') {
                if (i + 1 < end && text.charAt(i + 1) == '/') {
                    c = '/';
                    i += 2;
                } else if (i + 5 < end && text.charAt(i + 1) == 'u' && hex(text, i + 2, 4) >= 0) {
                    c = (char) hex(text, i + 2, 4);
                    i += 6;
                } else {
                    c = ' ';
                    i += 2; // \n, \t, \" ...: the escaped character is not part of a key
                }
            } else if (c == '%') {
                int v = i + 2 < end ? hex(text, i + 1, 2) : -1;
                c = v >= 0 ? (char) v : ' ';
                i += v >= 0 ? 3 : 1;
            } else {
                i++;
            }
            origin[plain.length()] = from;
            plain.append(c);
        }
        tokens(plain, p -> origin[p], 0, sink);
    }

    private static int hex(String text, int from, int count) {
        int v = 0;
        for (int k = from; k < from + count; k++) {
            int d = Character.digit(text.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** Splits into Base64 tokens (padding ends a token) and decodes those long enough. */
    private static void tokens(CharSequence plain, IntUnaryOperator origin, int depth, Sink sink) {
        int n = plain.length();
        int i = 0;
        while (i < n) {
            if (!isBase64(plain.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isBase64(plain.charAt(i))) {
                i++;
            }
            int bodyEnd = i;
            while (i < n && plain.charAt(i) == '=') {
                i++;
            }
            if (bodyEnd - start >= MIN_KEY_CHARS) {
                decodeToken(plain.subSequence(start, bodyEnd), origin.applyAsInt(start), depth, sink);
            }
        }
    }

    /**
     * Decodes the token from each offset where a key could start (so a key glued to a prefix such as {@code Basic+}
     * is found too) and, outside a nested decode, the whole token in case it is a key Base64-encoded once more.
     */
    private static void decodeToken(CharSequence body, int offset, int depth, Sink sink) {
        boolean found = false;
        for (int s = 0; s + MIN_KEY_CHARS <= body.length(); s++) {
            if (mayStartKey(body, s)) {
                byte[] decoded = decode(body.subSequence(s, body.length()));
                if (decoded != null && isUuidColonSecret(decoded)) {
                    sink.found(offset + s, Base64.getEncoder().encodeToString(decoded));
                    found = true;
                    break;
                }
            }
        }
        if (!found && depth == 0 && body.length() <= MAX_NESTED_CHARS) {
            byte[] decoded = decode(body);
            if (decoded != null && isPrintableAscii(decoded)) {
                tokens(new String(decoded, StandardCharsets.ISO_8859_1), p -> offset, 1, sink);
            }
        }
    }

    /**
     * Whether Base64 starting at {@code s} could encode {@code UUID:}: the first character encodes a hex digit, and
     * the UUID's dashes and the colon fix four more characters ({@code t}, {@code L}, {@code t}, {@code O}) in either
     * alphabet.
     */
    private static boolean mayStartKey(CharSequence body, int s) {
        return KEY_FIRST.indexOf(body.charAt(s)) >= 0
                && body.charAt(s + 11) == 't'
                && body.charAt(s + 24) == 'L'
                && body.charAt(s + 31) == 't'
                && body.charAt(s + 48) == 'O';
    }

    /** Standard or URL-safe, padded or not; null when it is not Base64 of whole bytes. */
    private static byte[] decode(CharSequence body) {
        if (body.length() % 4 == 1) {
            return null;
        }
        StringBuilder standard = new StringBuilder(body.length() + 2);
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            standard.append(c == '-' ? '+' : c == '_' ? '/' : c);
        }
        while (standard.length() % 4 != 0) {
            standard.append('=');
        }
        try {
            return Base64.getDecoder().decode(standard.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isUuidColonSecret(byte[] b) {
        if (b.length < 38 || b[36] != ':' || !isUuid(b)) {
            return false;
        }
        for (int k = 37; k < b.length; k++) {
            if (b[k] < 0x21 || b[k] > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUuid(byte[] b) {
        for (int k = 0; k < 36; k++) {
            boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
            if (dash ? b[k] != '-' : Character.digit(b[k], 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintableAscii(byte[] b) {
        for (byte x : b) {
            if ((x < 0x20 || x > 0x7e) && x != '\n' && x != '\r' && x != '\t') {
                return false;
            }
        }
        return true;
    }
}
