package io.github.gigachat.maven;

import io.github.gigachat.scan.KeyStatus;
import io.github.gigachat.scan.ScanResult;
import io.github.gigachat.scan.report.ScanReports;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Finds GigaChat Authorization Keys and client id + secret pairs committed to the repository, checks each distinct key
 * live with one token exchange (never a paid call), and fails the build on a key that works. Runs once per build, over
 * the top directory of the build; reports go to the top-level project's {@code target/gigachat/} in every outcome.
 * Nothing it prints or writes holds a key, a secret or the text of a line: only places and fingerprints.
 */
@Mojo(name = "scan", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true, aggregator = false)
public class ScanMojo extends AbstractGigaChatMojo {
    /** Skip this goal. */
    @Parameter(property = "gigachat.scan.skip", defaultValue = "false")
    private boolean scanSkip;

    /**
     * What to scan. Default: the top directory of the build (where Maven was started, or {@code -f}'s directory); a
     * relative path is resolved against it, in every module alike.
     */
    @Parameter(property = "gigachat.scan.directory")
    private String directory;

    /** Also scan every blob added by the commits reachable from {@code HEAD}. */
    @Parameter(property = "gigachat.scan.history", defaultValue = "false")
    private boolean history;

    /** With history: only the commits after this ref, e.g. {@code origin/main} in a pull request. */
    @Parameter(property = "gigachat.scan.since")
    private String since;

    /** Check each key live with one token exchange. Offline builds ({@code -o}) never do. */
    @Parameter(property = "gigachat.scan.verify", defaultValue = "true")
    private boolean verify;

    /** Statuses that fail the build, comma-separated: ACTIVE, INACTIVE, UNKNOWN, UNVERIFIED, DEMO. */
    @Parameter(property = "gigachat.scan.failOn", defaultValue = "ACTIVE,UNKNOWN,UNVERIFIED")
    private String failOn;

    /**
     * Accepted findings, by key fingerprint. Default: {@code .gigachat-scan-baseline.json} in the scanned directory,
     * if present. A relative path is resolved against the top directory of the build.
     */
    @Parameter(property = "gigachat.scan.baseline")
    private String baseline;

    /** Write the current findings as the baseline (an ACTIVE key still fails the build). */
    @Parameter(property = "gigachat.scan.writeBaseline", defaultValue = "false")
    private boolean writeBaseline;

    /** Larger files, archive entries and history blobs are skipped with a warning. */
    @Parameter(property = "gigachat.scan.maxFileBytes", defaultValue = "10485760")
    private long maxFileBytes;

    /** Where the reports go instead of the top-level project's {@code target/gigachat}; tests set it. */
    Path reportDirectory;

    @Inject
    public ScanMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || scanSkip) {
            log().info("GigaChat key scan: skipped (" + (skip ? "gigachat.skip" : "gigachat.scan.skip") + "=true).");
            return;
        }
        BuildCacheExtensionCheck.warnIfSkippedOnHit(session, project, mojoExecution, log());
        MavenProject top = session.getTopLevelProject() != null ? session.getTopLevelProject() : project;
        Path buildTop = buildTop(top);
        Path root = directory == null || directory.isBlank()
                ? buildTop
                : buildTop.resolve(directory.strip()).normalize();
        Path reports = reportDirectory != null
                ? reportDirectory
                : Path.of(top.getBuild().getDirectory(), "gigachat");
        Set<KeyStatus> statuses;
        try {
            statuses = failOnStatuses();
        } catch (MojoExecutionException e) {
            publish(reports, ScanResult.error(root.toString(), KeyStatus.DEFAULT_FAIL_ON, e.getMessage()), "");
            throw e;
        }
        ScanSettings settings = new ScanSettings(
                root,
                history,
                blankToNull(since),
                verify,
                statuses,
                baselineFile(buildTop, root),
                writeBaseline,
                maxFileBytes);
        BuildCache.Entry<ScanResult> entry =
                BuildCache.get(session.getRequest(), "scan|" + settings, () -> new ScanJob(this, settings).run());
        ScanResult result = entry.value();
        if (entry.computed()) {
            publish(reports, result, displayName(root, settings.baseline()));
        } else {
            log().info("GigaChat key scan: done earlier in this build ("
                    + result.findings().size() + " keys found); see " + reports.resolve(ScanReports.JSON_REPORT));
        }
        if (result.error() != null) {
            throw new MojoExecutionException(result.error());
        }
        if (result.failed()) {
            throw new MojoFailureException("GigaChat key scan failed: " + failingCounts(result)
                    + ". See the [ERROR] lines above and " + reports.resolve(ScanReports.JSON_REPORT) + ".");
        }
    }

    /** The baseline as the user names it: relative to the scanned directory when inside it. */
    private static String displayName(Path root, Path baselineFile) {
        return baselineFile.startsWith(root)
                ? root.relativize(baselineFile).toString().replace(File.separatorChar, '/')
                : baselineFile.toString();
    }

    private void publish(Path reports, ScanResult result, String baselineName) throws MojoExecutionException {
        try {
            ScanReports.write(reports, result);
            String stepSummary = environment.get("GITHUB_STEP_SUMMARY");
            if (stepSummary != null && !stepSummary.isBlank()) {
                ScanReports.appendGitHubSummary(Path.of(stepSummary), project.getArtifactId(), result);
            }
        } catch (IOException e) {
            throw new MojoExecutionException(
                    masker.mask("Cannot write the GigaChat scan reports to " + reports + ": " + e), e);
        }
        for (ScanSummary.Line line : ScanSummary.lines(result, baselineName)) {
            switch (line.level()) {
                case ERROR -> log().error(line.text());
                case WARN -> log().warn(line.text());
                default -> log().info(line.text());
            }
        }
        log().info("Reports: " + reports.resolve(ScanReports.JSON_REPORT) + ", "
                + reports.resolve(ScanReports.SARIF_REPORT) + ", " + reports.resolve(ScanReports.JUNIT_REPORT));
    }

    private Set<KeyStatus> failOnStatuses() throws MojoExecutionException {
        Set<KeyStatus> statuses = EnumSet.noneOf(KeyStatus.class);
        for (String item : splitList(failOn)) {
            statuses.add(KeyStatus.parse(item)
                    .orElseThrow(() -> new MojoExecutionException("gigachat.scan.failOn names '" + item
                            + "', which is not a status: use a comma-separated list of ACTIVE, INACTIVE, UNKNOWN,"
                            + " UNVERIFIED, DEMO (default ACTIVE,UNKNOWN,UNVERIFIED).")));
        }
        return statuses;
    }

    /** Where Maven was started (or {@code -f}'s directory): the same for every module, also under {@code -pl}. */
    private Path buildTop(MavenProject top) {
        String root = session.getExecutionRootDirectory();
        File dir = root != null ? new File(root) : top.getBasedir();
        return dir.toPath().toAbsolutePath().normalize();
    }

    /** The configured baseline, else the default file in the scanned directory (whether or not it exists). */
    private Path baselineFile(Path buildTop, Path root) {
        return baselineConfigured()
                ? buildTop.resolve(baseline.strip()).normalize()
                : root.resolve(io.github.gigachat.scan.Baseline.DEFAULT_FILE);
    }

    boolean baselineConfigured() {
        return baseline != null && !baseline.isBlank();
    }

    private static String failingCounts(ScanResult result) {
        return result.findings().stream()
                .filter(f -> f.failing())
                .collect(Collectors.groupingBy(f -> f.status(), java.util.TreeMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .map(e -> e.getValue() + " " + e.getKey() + (e.getValue() == 1 ? " key" : " keys"))
                .collect(Collectors.joining(", "));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
