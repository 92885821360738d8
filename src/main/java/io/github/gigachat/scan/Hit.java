package io.github.gigachat.scan;

import java.util.Objects;

/** A key found at one place of one scanned text. */
public record Hit(Origin origin, KeyFinding finding) {
    public Hit {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(finding, "finding");
    }

    public Location location() {
        return new Location(origin.path(), finding.line(), finding.column(), origin.commit());
    }
}
