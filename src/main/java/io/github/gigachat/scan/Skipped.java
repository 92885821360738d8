package io.github.gigachat.scan;

import java.util.Objects;

/** Something not scanned, and why, in words a user reads (never content). */
public record Skipped(Origin origin, String reason) {
    public Skipped {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reason, "reason");
    }
}
