package io.github.gigachat.scan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Finds a secret-named key with a UUID value near a client-id-named key with a UUID value, in the key/value syntaxes
 * of properties, YAML, JSON, XML (element or attribute) and {@code .env}. One per text: {@link KeyDetector} hands it
 * the runs that hold a dash, it keeps the UUIDs among them, and only their names are parsed, backwards.
 */
final class CredentialPairs {
    /** Largest distance, in lines, between the client id and the secret of one pair. */
    static final int MAX_LINE_DISTANCE = 5;

    private static final int UUID_CHARS = 36;
    private static final byte[] SECRET = ascii("secret");
    private static final byte[] CLIENT_ID = ascii("clientid");

    private enum Role {
        CLIENT_ID,
        SECRET
    }

    /** Receives each pair found: the offset of the secret's value and the key the pair composes. */
    interface Sink {
        void found(int offset, String standardKey);
    }

    private final byte[] text;
    private int[] uuids = new int[0];
    private int uuidCount;

    CredentialPairs(byte[] text) {
        this.text = text;
    }

    /**
     * Keeps the UUIDs in {@code text[start, end)}, a maximal run of Base64 and escape characters (a UUID's
     * characters are all among them, so no UUID crosses the run's ends). A UUID has its first dash 8 characters in,
     * and is a whole word: no ASCII letter, digit, '_' or '-' right before or after it.
     */
    void addUuidsIn(int start, int end) {
        for (int dash = start + 8; dash + UUID_CHARS - 8 <= end; dash++) {
            int uuid = dash - 8;
            if (text[dash] == '-'
                    && AuthorizationKeys.isUuid(text, uuid)
                    && (uuid == 0 || !isWordChar(text[uuid - 1]))
                    && (uuid + UUID_CHARS == text.length || !isWordChar(text[uuid + UUID_CHARS]))) {
                if (uuidCount == uuids.length) {
                    uuids = Arrays.copyOf(uuids, Math.max(8, uuidCount * 2));
                }
                uuids[uuidCount++] = uuid;
                // the next UUID starts after the byte that ends this one, and has its dash 8 further
                dash = uuid + UUID_CHARS + 8;
            }
        }
    }

    /** Names each UUID kept by its key and reports the pairs; lines are counted only when both roles are there. */
    void report(Supplier<LineIndex> lineIndex, Sink sink) {
        if (uuidCount < 2) {
            return;
        }
        Role[] roles = new Role[uuidCount];
        boolean secret = false;
        boolean clientId = false;
        for (int u = 0; u < uuidCount; u++) {
            roles[u] = roleBefore(uuids[u]);
            secret |= roles[u] == Role.SECRET;
            clientId |= roles[u] == Role.CLIENT_ID;
        }
        if (!secret || !clientId) {
            return;
        }
        LineIndex lines = lineIndex.get();
        int[] lineOf = new int[uuidCount];
        for (int u = 0; u < uuidCount; u++) {
            lineOf[u] = lines.line(uuids[u]);
            if (roles[u] != null && lines.allowed(lineOf[u])) {
                roles[u] = null;
            }
        }
        // the client ids in the order of the text, so their lines never decrease
        int[] ids = new int[uuidCount];
        int[] idLines = new int[uuidCount];
        int idCount = 0;
        for (int u = 0; u < uuidCount; u++) {
            if (roles[u] == Role.CLIENT_ID) {
                ids[idCount] = u;
                idLines[idCount++] = lineOf[u];
            }
        }
        for (int s = 0; s < uuidCount; s++) {
            int best = roles[s] == Role.SECRET ? nearest(idLines, idCount, lineOf[s]) : -1;
            if (best >= 0) {
                byte[] composed = new byte[2 * UUID_CHARS + 1];
                System.arraycopy(text, uuids[ids[best]], composed, 0, UUID_CHARS);
                composed[UUID_CHARS] = ':';
                System.arraycopy(text, uuids[s], composed, UUID_CHARS + 1, UUID_CHARS);
                sink.found(uuids[s], Base64.getEncoder().encodeToString(composed));
            }
        }
    }

    /**
     * The client id nearest the line, at most {@link #MAX_LINE_DISTANCE} lines away; of several as near, the first
     * in the text. Found by binary search, so a file of many pairs costs no more than its pairs.
     */
    private static int nearest(int[] idLines, int count, int line) {
        int after = firstOnOrAfter(idLines, count, line);
        int before = after > 0 ? firstOnOrAfter(idLines, count, idLines[after - 1]) : -1;
        int best = before >= 0 && line - idLines[before] <= MAX_LINE_DISTANCE ? before : -1;
        if (after < count
                && idLines[after] - line <= MAX_LINE_DISTANCE
                && (best < 0 || idLines[after] - line < line - idLines[best])) {
            best = after;
        }
        return best;
    }

    /** The first index whose line is at least {@code line}, or {@code count}. */
    private static int firstOnOrAfter(int[] lines, int count, int line) {
        int low = 0;
        int high = count;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (lines[middle] < line) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * The role of the name the value at {@code valueStart} is assigned to: {@code name=v}, {@code name: v},
     * {@code "name": "v"}, {@code name="v"} or {@code <name>v}; null when the value is not in such a syntax or the
     * name is neither a secret's nor a client id's.
     */
    private Role roleBefore(int valueStart) {
        int j = skipQuote(valueStart - 1);
        j = skipBlanks(j);
        if (j < 0) {
            return null;
        }
        byte separator = text[j];
        if (separator == '>') {
            int nameEnd = j;
            j = skipName(j - 1);
            return j >= 0 && text[j] == '<' && j + 1 < nameEnd ? roleOf(j + 1, nameEnd) : null;
        }
        if (separator != '=' && separator != ':') {
            return null;
        }
        int nameEnd = skipQuote(skipBlanks(j - 1)) + 1;
        j = skipName(nameEnd - 1);
        return j + 1 < nameEnd ? roleOf(j + 1, nameEnd) : null;
    }

    /** A name with "secret" in any case is a secret's; one with "clientid" once '_', '-' and '.' are left out. */
    private Role roleOf(int from, int to) {
        if (contains(from, to, SECRET, false)) {
            return Role.SECRET;
        }
        return contains(from, to, CLIENT_ID, true) ? Role.CLIENT_ID : null;
    }

    /**
     * Whether the name holds the lower-case word in any ASCII case, optionally ignoring separators. Neither word has
     * its first letter anywhere else, so after a mismatch a match can only start again at the mismatched character.
     */
    private boolean contains(int from, int to, byte[] word, boolean skipSeparators) {
        int matched = 0;
        for (int k = from; k < to; k++) {
            int c = text[k];
            if (skipSeparators && (c == '_' || c == '-' || c == '.')) {
                continue;
            }
            c = c >= 'A' && c <= 'Z' ? c | 0x20 : c;
            matched = c == word[matched] ? matched + 1 : c == word[0] ? 1 : 0;
            if (matched == word.length) {
                return true;
            }
        }
        return false;
    }

    /** Skips one quote, and the backslash before it in a JSON string that holds JSON. */
    private int skipQuote(int j) {
        if (j >= 0 && (text[j] == '"' || text[j] == '\'')) {
            j--;
            if (j >= 0 && text[j] == '\\') {
                j--;
            }
        }
        return j;
    }

    private int skipBlanks(int j) {
        while (j >= 0 && (text[j] == ' ' || text[j] == '\t')) {
            j--;
        }
        return j;
    }

    /** The offset before the name that ends at {@code j}: names are ASCII letters, digits, '_', '-' and '.'. */
    private int skipName(int j) {
        while (j >= 0 && (isWordChar(text[j]) || text[j] == '.')) {
            j--;
        }
        return j;
    }

    private static boolean isWordChar(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private static byte[] ascii(String word) {
        return word.getBytes(StandardCharsets.US_ASCII);
    }
}
