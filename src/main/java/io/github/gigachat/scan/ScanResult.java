package io.github.gigachat.scan;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one scan found and decided, for the reports and the log. Holds no key, no secret, no line text.
 *
 * @param directory the scanned directory, as the user named it (absolute path)
 * @param repositoryPrefix the scanned directory relative to the git work tree's root with a trailing {@code /} ("" at
 *     the root or without git): SARIF URIs are repository-relative
 * @param git true when git decided which files count (else every file but {@code target/} and {@code .git/})
 * @param history whether the history was scanned
 * @param since the {@code since} ref as given, or null
 * @param findings one per distinct key, failing first, then by first location
 * @param skipped what was not scanned and why
 * @param filesScanned files, archive entries and blobs whose text was scanned
 * @param bytesScanned their total size
 * @param durationMillis wall time of the scan and the live check
 * @param failOn the statuses that fail the build
 * @param error why the scan could not run (a configuration error), or null; findings are then empty
 */
public record ScanResult(
        String directory,
        String repositoryPrefix,
        boolean git,
        boolean history,
        String since,
        List<ScanFinding> findings,
        List<Skipped> skipped,
        long filesScanned,
        long bytesScanned,
        long durationMillis,
        Set<KeyStatus> failOn,
        String error) {
    public ScanResult {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(repositoryPrefix, "repositoryPrefix");
        findings = List.copyOf(findings);
        skipped = List.copyOf(skipped);
        failOn = Set.copyOf(failOn);
    }

    /** True when the build must fail: a failing finding, or an error. */
    public boolean failed() {
        return error != null || findings.stream().anyMatch(ScanFinding::failing);
    }

    /** A scan that could not run, with the reason (reports are written in every outcome). */
    public static ScanResult error(String directory, Set<KeyStatus> failOn, String message) {
        return new ScanResult(directory, "", false, false, null, List.of(), List.of(), 0, 0, 0, failOn, message);
    }
}
