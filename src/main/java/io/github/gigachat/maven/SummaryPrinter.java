package io.github.gigachat.maven;

import io.github.gigachat.verify.Check;
import io.github.gigachat.verify.Outcome;
import io.github.gigachat.verify.VerifyReports;
import io.github.gigachat.verify.VerifyResult;
import java.nio.file.Path;
import java.util.Locale;

/** Prints the one-screen summary of a verification to the build log. */
final class SummaryPrinter {
    private final MaskingLog log;

    SummaryPrinter(MaskingLog log) {
        this.log = log;
    }

    void print(VerifyResult result, boolean firstInBuild, Path reportDirectory) {
        StringBuilder head = new StringBuilder("GigaChat key check: ").append(result.outcome());
        if (result.emulated()) {
            head.append(" [EMULATED]");
        }
        StringBuilder details = new StringBuilder();
        if (result.scope() != null) {
            details.append("scope ").append(result.scope());
        }
        if (result.keyFingerprint() != null) {
            details.append(details.length() > 0 ? ", " : "").append("key ").append(result.keyFingerprint());
        }
        if (result.credentialsSource() != null) {
            details.append(" from ").append(result.credentialsSource());
        }
        details.append(details.length() > 0 ? ", " : "")
                .append(result.durationMs())
                .append(" ms");
        head.append(" (").append(details).append(')');
        if (!firstInBuild) {
            head.append(" - reused from an earlier module of this build");
        }
        boolean good = result.outcome().isValid() && result.outcome() != Outcome.VALID_UNPAID;
        line(good, head.toString());
        for (String warning : result.warnings()) {
            log.warn(warning);
        }
        for (Check check : result.checks()) {
            String text = String.format(Locale.ROOT, "  %-4s %-20s %s", check.status(), check.name(), check.message());
            line(check.status() == Check.Status.PASS || check.status() == Check.Status.SKIP, text);
        }
        if (!result.balance().isEmpty()) {
            log.info("  balance: " + result.balance());
        }
        line(good, result.summary());
        log.info("Reports: " + reportDirectory.resolve(VerifyReports.JSON_REPORT) + ", "
                + reportDirectory.resolve(VerifyReports.JUNIT_REPORT));
    }

    private void line(boolean good, String text) {
        if (good) {
            log.info(text);
        } else {
            log.warn(text);
        }
    }
}
