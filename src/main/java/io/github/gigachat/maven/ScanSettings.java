package io.github.gigachat.maven;

import io.github.gigachat.scan.KeyStatus;
import java.nio.file.Path;
import java.util.Set;

/**
 * The scan's parameters, resolved; its {@link #toString()} is the per-build cache key (no secret in it).
 *
 * @param baseline the baseline file to read (when it exists) or write
 */
record ScanSettings(
        Path directory,
        boolean history,
        String since,
        boolean verify,
        Set<KeyStatus> failOn,
        Path baseline,
        boolean writeBaseline,
        long maxFileBytes) {}
