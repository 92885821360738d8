package io.github.gigachat.scan;

import java.util.Objects;

/**
 * One place that holds a key.
 *
 * @param path relative to the scanned directory, with {@code /} (archive entries: {@code a.jar!/b.properties})
 * @param line from 1
 * @param column from 1, in characters (code points)
 * @param commit the commit that added this content at this path (history), or null (working tree)
 */
public record Location(String path, int line, int column, String commit) {
    public Location {
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
        String place = path + ":" + line + ":" + column;
        return commit == null ? place : place + " (commit " + commit.substring(0, Math.min(12, commit.length())) + ")";
    }
}
