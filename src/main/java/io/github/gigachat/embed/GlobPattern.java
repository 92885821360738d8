package io.github.gigachat.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * An Ant/Maven include or exclude pattern ({@code **} any directories, {@code *} within a name, {@code ?} one
 * character), matched against paths split into names. Case-sensitive on every platform, so that a build selects the
 * same files everywhere.
 */
final class GlobPattern {
    private static final String ANY_DIRECTORIES = "**";

    private final String pattern;
    private final String[] segments;

    private GlobPattern(String pattern, String[] segments) {
        this.pattern = pattern;
        this.segments = segments;
    }

    /**
     * Parses a pattern relative to a file set's directory: {@code \} counts as {@code /}, a trailing {@code /} means
     * everything below, {@code ./} and empty names are dropped.
     *
     * @throws IllegalArgumentException if the pattern is absolute or has a {@code ..} name
     */
    static GlobPattern compile(String pattern, String kind, String directory) {
        String normalized = pattern.trim().replace('\\', '/');
        boolean absolute = normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*");
        List<String> names = new ArrayList<>();
        for (String name : normalized.split("/", -1)) {
            if (name.equals("..")) {
                absolute = true;
                break;
            }
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        if (absolute) {
            throw new IllegalArgumentException(kind + " pattern '" + pattern + "' leaves its file set's directory:"
                    + " patterns must stay inside " + directory
                    + " (use a relative pattern without '..', or add a file set for the other directory)");
        }
        if (normalized.endsWith("/")) {
            names.add(ANY_DIRECTORIES);
        }
        List<String> collapsed = new ArrayList<>();
        for (String name : names) {
            if (!(name.equals(ANY_DIRECTORIES)
                    && !collapsed.isEmpty()
                    && collapsed.get(collapsed.size() - 1).equals(ANY_DIRECTORIES))) {
                collapsed.add(name);
            }
        }
        return new GlobPattern(pattern, collapsed.toArray(new String[0]));
    }

    /** Whether the file or directory at {@code path} (names relative to the set's directory) matches. */
    boolean matches(String[] path) {
        return matches(0, path, 0, segments.length);
    }

    /** Whether some path strictly below the directory {@code directory} could match: otherwise it need not be read. */
    boolean couldMatchBelow(String[] directory) {
        return couldMatchBelow(0, directory, 0);
    }

    /** Whether every path strictly below {@code directory} matches, so that an exclude can skip it whole. */
    boolean matchesEverythingBelow(String[] directory) {
        int last = segments.length - 1;
        return last >= 0 && segments[last].equals(ANY_DIRECTORIES) && matches(0, directory, 0, last);
    }

    private boolean matches(int p, String[] path, int s, int patternEnd) {
        while (p < patternEnd) {
            if (segments[p].equals(ANY_DIRECTORIES)) {
                if (p == patternEnd - 1) {
                    return true;
                }
                for (int k = s; k <= path.length; k++) {
                    if (matches(p + 1, path, k, patternEnd)) {
                        return true;
                    }
                }
                return false;
            }
            if (s == path.length || !matchesName(segments[p], path[s])) {
                return false;
            }
            p++;
            s++;
        }
        return s == path.length;
    }

    private boolean couldMatchBelow(int p, String[] directory, int s) {
        if (s == directory.length) {
            return p < segments.length;
        }
        if (p == segments.length) {
            return false;
        }
        if (segments[p].equals(ANY_DIRECTORIES)) {
            return couldMatchBelow(p + 1, directory, s) || couldMatchBelow(p, directory, s + 1);
        }
        return matchesName(segments[p], directory[s]) && couldMatchBelow(p + 1, directory, s + 1);
    }

    /** {@code *} and {@code ?} within one name, by the usual greedy match with backtracking to the last star. */
    static boolean matchesName(String glob, String name) {
        int g = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == name.charAt(n))) {
                g++;
                n++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = n;
            } else if (star >= 0) {
                g = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
