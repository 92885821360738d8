package io.github.gigachat.scan.report;

import io.github.gigachat.io.AtomicFiles;
import io.github.gigachat.report.StepSummary;
import io.github.gigachat.scan.ScanResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes what a scan found for machines: {@code scan-report.json}, {@code scan-report.sarif} (GitHub code scanning,
 * Jenkins Warnings NG), {@code TEST-gigachat-scan.xml} (Jenkins' {@code junit} step) and the GitHub Actions step
 * summary. Each file is replaced atomically, in every outcome. No report holds a key or a line's text: the result they
 * are written from has none.
 */
public final class ScanReports {
    public static final String JSON_REPORT = "scan-report.json";
    public static final String SARIF_REPORT = "scan-report.sarif";
    public static final String JUNIT_REPORT = "TEST-gigachat-scan.xml";

    private ScanReports() {}

    /** Writes the three report files into {@code directory} (created when missing). */
    public static void write(Path directory, ScanResult result) throws IOException {
        AtomicFiles.write(directory.resolve(JSON_REPORT), ScanJson.json(result) + "\n");
        AtomicFiles.write(directory.resolve(SARIF_REPORT), ScanSarif.sarif(result) + "\n");
        AtomicFiles.write(directory.resolve(JUNIT_REPORT), ScanJunit.junitXml(result));
    }

    /** Appends the verdict and a table of the findings to the GitHub Actions step summary file. */
    public static void appendGitHubSummary(Path summaryFile, String project, ScanResult result) throws IOException {
        StepSummary.append(summaryFile, ScanMarkdown.markdown(project, result));
    }
}
