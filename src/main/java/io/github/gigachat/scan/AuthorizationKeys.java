package io.github.gigachat.scan;

import java.util.Base64;
import java.util.function.IntUnaryOperator;

/**
 * Finds Base64 {@code UUID:secret} keys in the runs {@link KeyDetector} picks: a run with JSON or URL escapes is
 * unescaped first; each Base64 token long enough is checked, character by character, for the shape the start of a
 * key must have before anything is decoded; and a token that is not a key is decoded once more (a Kubernetes Secret
 * value) only as far as it decodes to text.
 */
final class AuthorizationKeys {
    /** Base64 characters of the shortest key: 36 (UUID) + 1 (':') + 1 (secret) bytes, unpadded. */
    static final int MIN_KEY_CHARS = 51;

    /** Largest Base64 token decoded a second time, so a huge embedded blob costs one decode only. */
    private static final int MAX_NESTED_CHARS = 1 << 16;

    /** How many Base64 characters encode {@code UUID:} (37 bytes): 12 groups of 4, and the first of the 13th. */
    private static final int PREFIX_CHARS = 49;

    /** The 6-bit value of each Base64 character of either alphabet ('-' and '+' are 62, '_' and '/' 63), or -1. */
    private static final byte[] VALUE = new byte[256];

    /**
     * For each of the first {@link #PREFIX_CHARS} characters of a key, the set of values (bit {@code v}) it can have.
     * The UUID's 32 hex digits, its 4 dashes and the colon leave few: a dash makes {@code t} or {@code L}, the colon
     * {@code O}, and a hex digit is {@code M N O Q R Y Z} in the first character of a group.
     */
    private static final long[] KEY_PREFIX = keyPrefix();

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int v = 0; v < 64; v++) {
            VALUE[alphabet.charAt(v)] = (byte) v;
        }
        VALUE['-'] = 62;
        VALUE['_'] = 63;
    }

    /** Receives each key found: the offset in the scanned text and the key in standard padded Base64. */
    interface Sink {
        void found(int offset, String standardKey);
    }

    private AuthorizationKeys() {}

    static boolean isBase64(byte b) {
        return VALUE[b & 0xFF] >= 0;
    }

    /**
     * Looks for keys in {@code text[start, end)}, a run of Base64, padding and escape characters at least
     * {@link #MIN_KEY_CHARS} long; {@code escaped} when it holds a {@code %} or a backslash.
     */
    static void scanRun(byte[] text, int start, int end, boolean escaped, Sink sink) {
        if (!escaped) {
            tokens(text, start, end, p -> p, 0, sink);
            return;
        }
        int[] origin = new int[end - start];
        byte[] plain = unescape(text, start, end, origin);
        tokens(plain, 0, origin.length, p -> origin[p], 0, sink);
    }

    /**
     * Undoes JSON escapes and URL-encoding, writing where each plain character came from into {@code origin}. The
     * plain text is shorter than the run; the rest is spaces, which no token holds. A character that is not ASCII
     * cannot be part of a key, so it becomes a space too.
     */
    private static byte[] unescape(byte[] text, int start, int end, int[] origin) {
        byte[] plain = new byte[end - start];
        java.util.Arrays.fill(plain, (byte) ' ');
        int length = 0;
        int i = start;
        while (i < end) {
            int c = text[i];
            int from = i;
            if (c == '\\') {
                if (i + 1 < end && text[i + 1] == '/') {
                    c = '/';
                    i += 2;
                } else if (i + 5 < end && text[i + 1] == 'u' && hex(text, i + 2, 4) >= 0) {
                    c = hex(text, i + 2, 4);
                    i += 6;
                } else {
                    c = ' ';
                    i += 2; // \n, \t, \" ...: the escaped character is not part of a key
                }
            } else if (c == '%') {
                int v = i + 2 < end ? hex(text, i + 1, 2) : -1;
                c = v >= 0 ? v : ' ';
                i += v >= 0 ? 3 : 1;
            } else {
                i++;
            }
            origin[length] = from;
            plain[length++] = (byte) (c >= 0 && c < 0x80 ? c : ' ');
        }
        return plain;
    }

    private static int hex(byte[] text, int from, int count) {
        int v = 0;
        for (int k = from; k < from + count; k++) {
            int d = hexValue(text[k]);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** The value of an ASCII hex digit, or -1. */
    static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /** Splits {@code chars[from, to)} into Base64 tokens (padding ends a token) and checks those long enough. */
    private static void tokens(byte[] chars, int from, int to, IntUnaryOperator origin, int depth, Sink sink) {
        int i = from;
        while (i < to) {
            if (!isBase64(chars[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < to && isBase64(chars[i])) {
                i++;
            }
            int bodyEnd = i;
            while (i < to && chars[i] == '=') {
                i++;
            }
            if (bodyEnd - start >= MIN_KEY_CHARS) {
                token(chars, start, bodyEnd, origin, depth, sink);
            }
        }
    }

    /**
     * Looks for a key starting at each offset of the token (so a key glued to a prefix such as {@code Basic+} is
     * found too) and running to its end, and, outside a nested decode, decodes the whole token in case it is a key
     * Base64-encoded once more.
     */
    private static void token(byte[] chars, int start, int end, IntUnaryOperator origin, int depth, Sink sink) {
        // The colon after the UUID always encodes to the 49th character, 'O': try only the starts 48 before an 'O'.
        for (int colon = start + PREFIX_CHARS - 1; colon + MIN_KEY_CHARS - PREFIX_CHARS < end; colon++) {
            if (chars[colon] == 'O' && mayStartKey(chars, colon - (PREFIX_CHARS - 1))) {
                int keyStart = colon - (PREFIX_CHARS - 1);
                byte[] decoded = decodeText(chars, keyStart, end);
                if (decoded != null && isUuidColonSecret(decoded)) {
                    sink.found(origin.applyAsInt(keyStart), Base64.getEncoder().encodeToString(decoded));
                    return;
                }
            }
        }
        if (depth == 0 && end - start <= MAX_NESTED_CHARS) {
            byte[] decoded = decodeText(chars, start, end);
            if (decoded != null) {
                int offset = origin.applyAsInt(start);
                tokens(decoded, 0, decoded.length, p -> offset, 1, sink);
            }
        }
    }

    /** Whether every one of the first {@link #PREFIX_CHARS} characters from {@code s} can encode its part of a key. */
    private static boolean mayStartKey(byte[] chars, int s) {
        for (int k = 0; k < PREFIX_CHARS; k++) {
            if ((KEY_PREFIX[k] >>> VALUE[chars[s + k] & 0xFF] & 1) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes Base64 (standard or URL-safe, unpadded) to text: null when it is not whole bytes, or as soon as a byte
     * is not printable ASCII, a tab or a line break. A key is printable ASCII, and so is the key text of a key
     * encoded once more, so random Base64 costs a few characters, and no allocation, before it is rejected.
     */
    private static byte[] decodeText(byte[] chars, int from, int to) {
        int length = to - from;
        if (length % 4 == 1) {
            return null;
        }
        byte[] out = null;
        int o = 0;
        for (int k = from; k < to; k += 4) {
            int count = Math.min(4, to - k); // 2, 3 or 4 characters make 1, 2 or 3 bytes
            int bits = 0;
            for (int j = 0; j < 4; j++) {
                bits = bits << 6 | (j < count ? VALUE[chars[k + j] & 0xFF] : 0);
            }
            for (int j = 0; j < count - 1; j++) {
                int b = bits >> (16 - 8 * j) & 0xFF;
                if ((b < 0x20 || b > 0x7e) && b != '\n' && b != '\r' && b != '\t') {
                    return null;
                }
                if (out == null) {
                    out = new byte[length / 4 * 3 + Math.max(0, length % 4 - 1)];
                }
                out[o++] = (byte) b;
            }
        }
        return out;
    }

    static boolean isUuidColonSecret(byte[] b) {
        if (b.length < 38 || b[36] != ':' || !isUuid(b, 0)) {
            return false;
        }
        for (int k = 37; k < b.length; k++) {
            if (b[k] < 0x21 || b[k] > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[start, start + 36)} is a UUID: ASCII hex digits in groups of 8-4-4-4-12 joined by dashes. */
    static boolean isUuid(byte[] b, int start) {
        for (int k = 0; k < 36; k++) {
            boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
            if (dash ? b[start + k] != '-' : hexValue(b[start + k]) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The sets of {@link #KEY_PREFIX}, from every byte each of the 37 bytes of {@code UUID:} can be. */
    private static long[] keyPrefix() {
        String[] bytes = new String[37];
        for (int k = 0; k < 36; k++) {
            bytes[k] = k == 8 || k == 13 || k == 18 || k == 23 ? "-" : "0123456789abcdefABCDEF";
        }
        bytes[36] = ":";
        long[] sets = new long[PREFIX_CHARS];
        for (int c = 0; c < PREFIX_CHARS; c++) {
            // character c of its group of 4 takes the low bits of one byte and the high bits of the next
            int group = c / 4 * 3;
            int position = c % 4;
            String high = position == 0 ? "\0" : bytes[group + position - 1];
            String low = position == 3 || group + position > 36 ? "\0" : bytes[group + position];
            for (char h : high.toCharArray()) {
                for (char l : low.toCharArray()) {
                    int bits = (h << 8 | l) >> (2 + 2 * position) & 63;
                    sets[c] |= 1L << bits;
                }
            }
        }
        return sets;
    }
}
