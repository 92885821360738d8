package io.github.gigachat.scan;

import java.util.Arrays;
import java.util.Base64;

/**
 * Finds Base64 {@code UUID:secret} keys in the runs {@link KeyDetector} picks. A run without escapes is one Base64
 * token; a run with JSON or URL escapes is unescaped and split into tokens. In a token, only the offsets where the
 * first 49 characters have the shape of Base64 {@code UUID:} are decoded, and they are found by skipping, as a string
 * search does, not by trying every offset. A token that is not a key is decoded once more (a Kubernetes Secret value)
 * only as far as it decodes to text.
 */
final class AuthorizationKeys {
    /** Base64 characters of the shortest key: 36 (UUID) + 1 (':') + 1 (secret) bytes, unpadded. */
    static final int MIN_KEY_CHARS = 51;

    /** Largest Base64 token decoded a second time, so a huge embedded blob costs one decode only. */
    private static final int MAX_NESTED_CHARS = 1 << 16;

    /** The bytes of a key's {@code UUID:}. */
    private static final int UUID_COLON_BYTES = 37;

    /** How many Base64 characters encode {@code UUID:} (37 bytes): 12 groups of 4, and the first of the 13th. */
    private static final int PREFIX_CHARS = 49;

    /** The value of the 49th character of a key: the top 6 bits of the colon after the UUID ({@code O}). */
    private static final int COLON_VALUE = ':' >> 2;

    /** The 6-bit value of each Base64 character of either alphabet ('-' and '+' are 62, '_' and '/' 63), or -1. */
    private static final byte[] VALUE = new byte[256];

    /** The value of each ASCII hex digit, or -1. */
    private static final byte[] HEX_VALUE = new byte[256];

    /**
     * For each of the first {@link #PREFIX_CHARS} characters of a key, the set of values (bit {@code v}) it can have.
     * The UUID's 32 hex digits, its 4 dashes and the colon leave few: a dash makes {@code t} or {@code L}, the colon
     * {@code O}, and a hex digit is {@code M N O Q R Y Z} in the first character of a group.
     */
    private static final long[] KEY_PREFIX = keyPrefix();

    /**
     * How far a key's possible start moves on when the character 48 after it has value {@code v}: to the nearest
     * start that puts {@code v} where a key may have it (no nearer start can be a key), or past it when no character
     * of a key's first 48 can be {@code v}. About 19 characters on average in random Base64.
     */
    private static final int[] SHIFT = shifts();

    static {
        Arrays.fill(VALUE, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int v = 0; v < 64; v++) {
            VALUE[alphabet.charAt(v)] = (byte) v;
        }
        VALUE['-'] = 62;
        VALUE['_'] = 63;
        Arrays.fill(HEX_VALUE, (byte) -1);
        for (int d = 0; d < 16; d++) {
            HEX_VALUE["0123456789abcdef".charAt(d)] = (byte) d;
            HEX_VALUE["0123456789ABCDEF".charAt(d)] = (byte) d;
        }
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
     * Looks for keys in {@code text[start, end)}, a run of Base64 and escape characters at least
     * {@link #MIN_KEY_CHARS} long; {@code escaped} when it holds a {@code %} or a backslash. Without escapes the run
     * is one token: padding ends runs, and every other run character is Base64.
     */
    static void scanRun(byte[] text, int start, int end, boolean escaped, Sink sink) {
        if (!escaped) {
            token(text, start, end, Origin.SAME, sink);
            return;
        }
        int[] origin = new int[end - start];
        byte[] plain = unescape(text, start, end, origin);
        Origin unescaped = new Origin(origin, -1);
        int i = 0;
        while ((i = tokenStart(plain, i, plain.length)) < plain.length) {
            int tokenEnd = tokenEnd(plain, i, plain.length);
            if (tokenEnd - i >= MIN_KEY_CHARS) {
                token(plain, i, tokenEnd, unescaped, sink);
            }
            i = tokenEnd;
        }
    }

    /**
     * Undoes JSON escapes and URL-encoding, writing where each plain character came from into {@code origin}. The
     * plain text is shorter than the run; the rest is spaces, which no token holds. A character that is not ASCII
     * cannot be part of a key, so it becomes a space too.
     */
    private static byte[] unescape(byte[] text, int start, int end, int[] origin) {
        byte[] plain = new byte[end - start];
        Arrays.fill(plain, (byte) ' ');
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
    static int hexValue(int c) {
        return HEX_VALUE[c & 0xFF];
    }

    /** The first Base64 character from {@code i} on, or {@code to}. */
    private static int tokenStart(byte[] chars, int i, int to) {
        while (i < to && !isBase64(chars[i])) {
            i++;
        }
        return i;
    }

    /** The end of the Base64 token at {@code i}: padding or any other character ends one. */
    private static int tokenEnd(byte[] chars, int i, int to) {
        while (i < to && isBase64(chars[i])) {
            i++;
        }
        return i;
    }

    /**
     * Looks for a key in the token and, when there is none, in the token decoded once more (a Kubernetes Secret
     * value): the decoded text must be text, since a key's is, and its keys are found at the token's offset.
     */
    private static void token(byte[] chars, int start, int end, Origin origin, Sink sink) {
        if (key(chars, start, end, origin, sink) || end - start > MAX_NESTED_CHARS) {
            return;
        }
        int length = decodedLength(end - start);
        if (length < 0 || bytesAllowed(chars, start, 0, length, true) < length) {
            return; // not text, like most Base64: rejected within a few characters, before any allocation
        }
        byte[] decoded = decode(chars, start, length);
        Origin outer = Origin.fixed(origin.of(start));
        int i = 0;
        while ((i = tokenStart(decoded, i, decoded.length)) < decoded.length) {
            int tokenEnd = tokenEnd(decoded, i, decoded.length);
            if (tokenEnd - i >= MIN_KEY_CHARS) {
                key(decoded, i, tokenEnd, outer, sink); // decoded once more only: never a third time
            }
            i = tokenEnd;
        }
    }

    /**
     * Reports the first key that starts in the token (so a key glued to a prefix such as {@code Basic+} is found
     * too) and runs to its end; false when there is none.
     *
     * <p>The starts are tried in order, as a string search tries them: from each start, the character 48 further is
     * read first; unless it is the colon's {@code O}, the start moves on by {@link #SHIFT}, past every start that
     * would put that character where no key can have it. A start whose 49 characters all pass {@link #mayStartKey}
     * is decoded: first its {@code UUID:}, then the rest, which must all be secret bytes. A byte that is not stops
     * every earlier start whose groups of 4 characters line up with this one's (they decode the same byte), so each
     * character is decoded a bounded number of times however the token was made.
     */
    private static boolean key(byte[] chars, int start, int end, Origin origin, Sink sink) {
        int[] failsThrough = null; // per position in the groups of 4: the starts up to here are no key
        for (int s = start; s + MIN_KEY_CHARS <= end; ) {
            int v = VALUE[chars[s + PREFIX_CHARS - 1] & 0xFF];
            if (v == COLON_VALUE
                    && mayStartKey(chars, s)
                    && (failsThrough == null || s > failsThrough[s & 3])
                    && startsWithUuidColon(chars, s)) {
                int length = decodedLength(end - s);
                int allowed = length < 0 ? -1 : bytesAllowed(chars, s, UUID_COLON_BYTES, length, false);
                if (allowed >= 0 && allowed == length) {
                    sink.found(origin.of(s), Base64.getEncoder().encodeToString(decode(chars, s, length)));
                    return true;
                }
                if (failsThrough == null) {
                    failsThrough = new int[] {-1, -1, -1, -1};
                }
                // not whole bytes: no start in line with this one is; else none before the group of the bad byte
                failsThrough[s & 3] = allowed < 0 ? end : s + allowed / 3 * 4;
            }
            s += SHIFT[v];
        }
        return false;
    }

    /**
     * Where each character the tokens are read from came from in the scanned text: the same offset, the offset
     * {@link #unescape} noted, or, for text decoded from a token, that token's offset.
     */
    private record Origin(int[] offsets, int fixed) {
        static final Origin SAME = new Origin(null, -1);

        static Origin fixed(int offset) {
            return new Origin(null, offset);
        }

        int of(int p) {
            return fixed >= 0 ? fixed : offsets == null ? p : offsets[p];
        }
    }

    /**
     * Whether every one of the first {@link #PREFIX_CHARS} characters from {@code s} can encode its part of
     * {@code UUID:}. Every key passes; what passes is decoded and checked byte by byte.
     */
    private static boolean mayStartKey(byte[] chars, int s) {
        for (int k = 0; k < PREFIX_CHARS; k++) {
            if ((KEY_PREFIX[k] >>> VALUE[chars[s + k] & 0xFF] & 1) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the Base64 from {@code s} decodes to a UUID and a colon (ASCII hex digits, 8-4-4-4-12). */
    private static boolean startsWithUuidColon(byte[] chars, int s) {
        for (int k = 0; k < UUID_COLON_BYTES; k++) {
            int b = decodedByte(chars, s, k);
            boolean ok = k == 36 ? b == ':' : k == 8 || k == 13 || k == 18 || k == 23 ? b == '-' : hexValue(b) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many of bytes {@code [from, length)} of the Base64 decoded from {@code s} come before the first that is not
     * allowed: {@code length} when all are. A key holds printable ASCII without spaces; text may also hold spaces,
     * tabs and line breaks.
     */
    private static int bytesAllowed(byte[] chars, int s, int from, int length, boolean text) {
        for (int k = from; k < length; k++) {
            int b = decodedByte(chars, s, k);
            boolean allowed = b > ' ' && b < 0x7f || text && (b == ' ' || b == '\t' || b == '\n' || b == '\r');
            if (!allowed) {
                return k;
            }
        }
        return length;
    }

    /** How many whole bytes {@code chars} Base64 characters (standard or URL-safe, unpadded) make; -1 for none. */
    private static int decodedLength(int chars) {
        return chars % 4 == 1 ? -1 : chars / 4 * 3 + Math.max(0, chars % 4 - 1);
    }

    /** The first {@code length} bytes of the Base64 decoded from {@code s}. */
    private static byte[] decode(byte[] chars, int s, int length) {
        byte[] bytes = new byte[length];
        for (int k = 0; k < length; k++) {
            bytes[k] = (byte) decodedByte(chars, s, k);
        }
        return bytes;
    }

    /**
     * Byte {@code k} of the Base64 decoded from {@code s}: 3 bytes make 4 characters, so it is the low bits of the
     * character {@code k / 3 * 4 + k % 3} and the high bits of the next.
     */
    private static int decodedByte(byte[] chars, int s, int k) {
        int c = s + k / 3 * 4 + k % 3;
        int shift = 2 * (k % 3);
        return (VALUE[chars[c] & 0xFF] << (2 + shift) | VALUE[chars[c + 1] & 0xFF] >> (4 - shift)) & 0xFF;
    }

    /** Whether {@code b[start, start + 36)} is a UUID: ASCII hex digits in groups of 8-4-4-4-12 joined by dashes. */
    static boolean isUuid(byte[] b, int start) {
        if (b[start + 8] != '-' || b[start + 13] != '-' || b[start + 18] != '-' || b[start + 23] != '-') {
            return false;
        }
        for (int k = 0; k < 36; k++) {
            if (hexValue(b[start + k]) < 0 && k != 8 && k != 13 && k != 18 && k != 23) {
                return false;
            }
        }
        return true;
    }

    /** The {@link #SHIFT} of each value: the nearest earlier character of a key's first 48 that may have it. */
    private static int[] shifts() {
        int[] shifts = new int[64];
        for (int v = 0; v < 64; v++) {
            int shift = 1;
            while (shift < PREFIX_CHARS && (KEY_PREFIX[PREFIX_CHARS - 1 - shift] >>> v & 1) == 0) {
                shift++;
            }
            shifts[v] = shift;
        }
        return shifts;
    }

    /**
     * The sets of {@link #KEY_PREFIX}: every byte each of the 37 bytes of {@code UUID:} can be, encoded. A Base64
     * character takes the low bits of one byte and the high bits of the next (3 bytes make 4 characters), so each
     * character's set comes from every pair of bytes it encodes.
     */
    private static long[] keyPrefix() {
        String[] bytes = new String[37];
        for (int k = 0; k < 36; k++) {
            bytes[k] = k == 8 || k == 13 || k == 18 || k == 23 ? "-" : "0123456789abcdefABCDEF";
        }
        bytes[36] = ":";
        long[] sets = new long[PREFIX_CHARS];
        for (int c = 0; c < PREFIX_CHARS; c++) {
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
