package io.github.gigachat.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Finds a secret-named key with a UUID value near a client-id-named key with a UUID value, in the key/value syntaxes
 * of properties, YAML, JSON, XML (element or attribute) and {@code .env}. Only texts with the word "secret" are looked
 * at, and only UUIDs are parsed backwards to their names.
 */
final class CredentialPairs {
    /** Largest distance, in lines, between the client id and the secret of one pair. */
    static final int MAX_LINE_DISTANCE = 5;

    private enum Role {
        CLIENT_ID,
        SECRET
    }

    private record Entry(Role role, int offset, int line, String uuid) {}

    /** Receives each pair found: the offset of the secret's value and the key the pair composes. */
    interface Sink {
        void found(int offset, String standardKey);
    }

    private CredentialPairs() {}

    /** Whether the text holds "secret" in any case: Horspool's skip on the ASCII-folded text. */
    static boolean mentionsSecret(String text) {
        int n = text.length();
        int i = 5;
        while (i < n) {
            int c = text.charAt(i) | 0x20;
            if (c == 't' && text.regionMatches(true, i - 5, "secret", 0, 6)) {
                return true;
            }
            i += c == 'e' ? 1 : c == 'r' ? 2 : c == 'c' ? 3 : c == 's' ? 5 : 6;
        }
        return false;
    }

    static void scan(String text, LineIndex lines, Sink sink) {
        List<Entry> entries = new ArrayList<>();
        int n = text.length();
        for (int dash = text.indexOf('-', 8); dash >= 0; dash = text.indexOf('-', dash + 1)) {
            int start = dash - 8;
            if (start + 36 > n || !isUuidAt(text, start) || (start > 0 && isWordChar(text.charAt(start - 1)))) {
                continue;
            }
            if (start + 36 < n && isWordChar(text.charAt(start + 36))) {
                continue;
            }
            Role role = roleOf(nameBefore(text, start));
            if (role != null) {
                int line = lines.line(start);
                if (!lines.allowed(line)) {
                    entries.add(new Entry(role, start, line, text.substring(start, start + 36)));
                }
            }
            dash = start + 35;
        }
        for (Entry secret : entries) {
            if (secret.role != Role.SECRET) {
                continue;
            }
            Entry best = null;
            for (Entry id : entries) {
                int distance = Math.abs(id.line - secret.line);
                if (id.role == Role.CLIENT_ID
                        && distance <= MAX_LINE_DISTANCE
                        && (best == null || distance < Math.abs(best.line - secret.line))) {
                    best = id;
                }
            }
            if (best != null) {
                String key = Base64.getEncoder()
                        .encodeToString((best.uuid + ":" + secret.uuid).getBytes(StandardCharsets.UTF_8));
                sink.found(secret.offset, key);
            }
        }
    }

    /**
     * The name the value at {@code valueStart} is assigned to: {@code name=v}, {@code name: v}, {@code "name": "v"},
     * {@code name="v"} or {@code <name>v}; null when the value is not in such a syntax.
     */
    static String nameBefore(String text, int valueStart) {
        int j = valueStart - 1;
        j = skipQuote(text, j);
        j = skipBlanks(text, j);
        if (j < 0) {
            return null;
        }
        char separator = text.charAt(j);
        if (separator == '>') {
            int nameEnd = j;
            j--;
            while (j >= 0 && isNameChar(text.charAt(j))) {
                j--;
            }
            return j >= 0 && text.charAt(j) == '<' && j + 1 < nameEnd ? text.substring(j + 1, nameEnd) : null;
        }
        if (separator != '=' && separator != ':') {
            return null;
        }
        j = skipQuote(text, skipBlanks(text, j - 1));
        int nameEnd = j + 1;
        while (j >= 0 && isNameChar(text.charAt(j))) {
            j--;
        }
        return j + 1 < nameEnd ? text.substring(j + 1, nameEnd) : null;
    }

    private static Role roleOf(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("secret")) {
            return Role.SECRET;
        }
        String bare = lower.replace("_", "").replace("-", "").replace(".", "");
        return bare.contains("clientid") ? Role.CLIENT_ID : null;
    }

    /** Skips one quote, and the backslash before it in a JSON string that holds JSON. */
    private static int skipQuote(String text, int j) {
        if (j >= 0 && (text.charAt(j) == '"' || text.charAt(j) == '\'')) {
            j--;
            if (j >= 0 && text.charAt(j) == '\\') {
                j--;
            }
        }
        return j;
    }

    private static int skipBlanks(String text, int j) {
        while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
            j--;
        }
        return j;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private static boolean isUuidAt(String text, int start) {
        for (int k = 0; k < 36; k++) {
            char c = text.charAt(start + k);
            boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
