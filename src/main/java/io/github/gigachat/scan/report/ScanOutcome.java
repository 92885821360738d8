package io.github.gigachat.scan.report;

import io.github.gigachat.scan.ScanResult;

/** The one word every scan report starts with. */
public enum ScanOutcome {
    /** Nothing fails the build (findings that do not fail may still be there). */
    PASSED,
    /** At least one finding fails the build. */
    FAILED,
    /** The scan could not run. */
    ERROR;

    public static ScanOutcome of(ScanResult result) {
        if (result.error() != null) {
            return ERROR;
        }
        return result.failed() ? FAILED : PASSED;
    }
}
