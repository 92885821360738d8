package io.github.gigachat.scan;

import java.util.Objects;

/**
 * Where one scanned text came from.
 *
 * @param path relative to the scanned directory, with {@code /}; an archive entry is {@code lib/app.jar!/a.properties}
 * @param commit the full id of the commit that added this content at this path (history), or null (working tree)
 */
public record Origin(String path, String commit) {
    public Origin {
        Objects.requireNonNull(path, "path");
    }

    /** A file of the working tree. */
    public static Origin file(String path) {
        return new Origin(path, null);
    }

    /** An entry of the archive at this origin. */
    public Origin entry(String entryName) {
        return new Origin(path + "!/" + entryName, commit);
    }

    /** True for an entry inside an archive (archives are opened one level deep only). */
    public boolean insideArchive() {
        return path.contains("!/");
    }

    @Override
    public String toString() {
        return commit == null ? path : path + " (commit " + commit.substring(0, Math.min(12, commit.length())) + ")";
    }
}
