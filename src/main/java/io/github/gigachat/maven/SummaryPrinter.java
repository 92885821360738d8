package io.github.gigachat.maven;

import io.github.gigachat.verify.Check;
import io.github.gigachat.verify.Outcome;
import io.github.gigachat.verify.VerifyReports;
import io.github.gigachat.verify.VerifyResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Tells people and CI about a verification: writes the reports, appends the GitHub step summary once per build, prints
 * the one-screen summary to the build log, and fails the build or warns for each outcome raised.
 */
final class SummaryPrinter {
    private static final HelpfulSuggestions SUGGESTIONS = new HelpfulSuggestions();

    private final MaskingLog log;
    private final Path directory;
    private final String stepSummary;
    private final String project;

    /**
     * @param directory where the reports go
     * @param stepSummary the GitHub Actions step summary file, or null
     * @param project names the module in the step summary
     */
    SummaryPrinter(MaskingLog log, Path directory, String stepSummary, String project) {
        this.log = log;
        this.directory = directory;
        this.stepSummary = stepSummary;
        this.project = project;
    }

    /**
     * Writes both reports, appends to the step summary (when set) for the first module of the build, and prints the
     * summary unless the check was skipped.
     */
    void publish(VerifyResult result, boolean firstInBuild) throws MojoExecutionException {
        try {
            VerifyReports.write(directory, result);
            if (firstInBuild && stepSummary != null && !stepSummary.isBlank()) {
                VerifyReports.appendGitHubSummary(Path.of(stepSummary), project, result);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the GigaChat reports to " + directory + ": " + e, e);
        }
        if (result.outcome() != Outcome.SKIPPED) {
            print(result, firstInBuild);
        }
    }

    /** Fails on INVALID, and on VALID_UNPAID and UNKNOWN unless tolerated; each tolerated one is a warning. */
    void decide(VerifyResult result, boolean failOnUnpaid, boolean failOnUnknown) throws MojoFailureException {
        Set<Outcome> fatal = result.fatal(failOnUnpaid, failOnUnknown);
        for (Outcome raised : result.raised()) {
            if (!fatal.contains(raised)) {
                log.warn(SUGGESTIONS.forTolerated(result, raised));
            }
        }
        if (!fatal.isEmpty()) {
            throw new MojoFailureException(SUGGESTIONS.forBuildFailure(result, fatal));
        }
    }

    private void print(VerifyResult result, boolean firstInBuild) {
        StringBuilder head = new StringBuilder("GigaChat key check: ").append(result.outcome());
        Set<Outcome> raised = result.raised();
        for (Outcome other : raised) {
            if (other != result.outcome()) {
                head.append(", also ").append(other);
            }
        }
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
        // anything raised is a warning, also when the outcome word is a tolerated VALID_UNPAID
        boolean good = raised.isEmpty();
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
        log.info("Reports: " + directory.resolve(VerifyReports.JSON_REPORT) + ", "
                + directory.resolve(VerifyReports.JUNIT_REPORT));
    }

    private void line(boolean good, String text) {
        if (good) {
            log.info(text);
        } else {
            log.warn(text);
        }
    }
}
