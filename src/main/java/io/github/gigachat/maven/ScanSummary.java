package io.github.gigachat.maven;

import io.github.gigachat.scan.KeyStatus;
import io.github.gigachat.scan.Location;
import io.github.gigachat.scan.ScanFinding;
import io.github.gigachat.scan.ScanResult;
import io.github.gigachat.scan.Skipped;
import io.github.gigachat.scan.report.ScanReports;
import io.github.gigachat.scan.report.ScanWords;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scan's summary for the build log, read in five seconds: a headline, one block per distinct key (where, whether it
 * works), what to do per status, what was not scanned, and why the build fails. Pure: the mojo prints the lines.
 */
final class ScanSummary {
    static final int PLACES_LISTED = 5;
    static final int SKIPPED_LISTED = 10;
    static final String BASELINE_FILE = ".gigachat-scan-baseline.json";

    /** How loud a line is; the mojo maps it to the log's level. */
    enum Level {
        INFO,
        WARN,
        ERROR
    }

    /** One line of the build log. */
    record Line(Level level, String text) {}

    private ScanSummary() {}

    static List<Line> lines(ScanResult result) {
        return lines(result, BASELINE_FILE);
    }

    /**
     * @param baselineFile the baseline a {@code writeBaseline} run would write, as the user names it
     */
    static List<Line> lines(ScanResult result, String baselineFile) {
        List<Line> lines = new ArrayList<>();
        if (result.error() != null) {
            lines.add(new Line(Level.ERROR, "GigaChat scan could not run: " + result.error()));
            return lines;
        }
        lines.add(headline(result));
        for (ScanFinding finding : result.findings()) {
            finding(lines, finding);
        }
        for (KeyStatus status : KeyStatus.values()) {
            List<ScanFinding> withStatus =
                    result.findings().stream().filter(f -> f.status() == status).toList();
            if (!withStatus.isEmpty()) {
                boolean failing = withStatus.stream().anyMatch(ScanSummary::loud);
                lines.add(new Line(failing ? Level.ERROR : Level.WARN, advice(status)));
            }
        }
        skipped(lines, result.skipped());
        if (result.failed()) {
            lines.add(new Line(Level.ERROR, whyItFails(result, baselineFile)));
        }
        return lines;
    }

    private static Line headline(ScanResult result) {
        String scanned = ScanWords.number(result.filesScanned()) + " files (" + size(result.bytesScanned())
                + (result.history() ? ", with the git history" : "")
                + (result.since() != null ? " since " + result.since() : "")
                + ") in " + duration(result.durationMillis());
        int keys = result.findings().size();
        if (keys == 0) {
            return new Line(Level.INFO, "GigaChat scan: no GigaChat key found in " + scanned + ".");
        }
        return new Line(
                result.failed() ? Level.ERROR : Level.WARN,
                "GigaChat scan: " + keys + " distinct " + (keys == 1 ? "key" : "keys") + " in " + scanned + ": "
                        + ScanWords.countsText(result) + ".");
    }

    private static void finding(List<Line> lines, ScanFinding finding) {
        Level level = loud(finding) ? Level.ERROR : Level.WARN;
        List<Location> places = finding.locations();
        StringBuilder head = new StringBuilder("[")
                .append(finding.status())
                .append("] ")
                .append(finding.fingerprint())
                .append(' ')
                .append(finding.kind().id());
        if (finding.scope() != null) {
            head.append(" (").append(finding.scope().wireName()).append(')');
        }
        if (!places.isEmpty()) {
            head.append(" at ").append(places.get(0));
        }
        if (finding.baselined()) {
            head.append(" (baselined)");
        }
        lines.add(new Line(level, head.toString()));
        for (int i = 1; i < Math.min(places.size(), PLACES_LISTED); i++) {
            lines.add(new Line(level, "    also at " + places.get(i)));
        }
        if (places.size() > PLACES_LISTED) {
            lines.add(new Line(level, "    and " + (places.size() - PLACES_LISTED) + " more places"));
        }
        if (finding.status() == KeyStatus.UNKNOWN || finding.status() == KeyStatus.UNVERIFIED) {
            lines.add(new Line(level, "    why: " + finding.detail()));
        }
    }

    /** ERROR for a finding that fails the build, except INACTIVE and DEMO keys, which are always warnings. */
    private static boolean loud(ScanFinding finding) {
        return finding.failing() && finding.status() != KeyStatus.INACTIVE && finding.status() != KeyStatus.DEMO;
    }

    private static String advice(KeyStatus status) {
        return status + ": the key " + ScanWords.meaning(status) + ". " + ScanWords.whatToDo(status);
    }

    private static void skipped(List<Line> lines, List<Skipped> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        lines.add(new Line(Level.WARN, "Not scanned (" + ScanWords.number(skipped.size()) + "):"));
        for (Skipped item : skipped.subList(0, Math.min(skipped.size(), SKIPPED_LISTED))) {
            lines.add(new Line(Level.WARN, "    " + item.origin() + ": " + item.reason()));
        }
        if (skipped.size() > SKIPPED_LISTED) {
            lines.add(new Line(
                    Level.WARN,
                    "    and " + (skipped.size() - SKIPPED_LISTED) + " more (see target/gigachat/"
                            + ScanReports.JSON_REPORT + ")"));
        }
    }

    private static String whyItFails(ScanResult result, String baselineFile) {
        Set<KeyStatus> failing = EnumSet.noneOf(KeyStatus.class);
        result.findings().stream().filter(ScanFinding::failing).forEach(f -> failing.add(f.status()));
        String failOn = result.failOn().stream().sorted().map(KeyStatus::name).collect(Collectors.joining(","));
        return "The build fails on " + failing.stream().map(KeyStatus::name).collect(Collectors.joining(", "))
                + " keys (gigachat.scan.failOn=" + failOn + "). To accept keys that do not work, run once with"
                + " -Dgigachat.scan.writeBaseline=true: it writes the baseline " + baselineFile
                + " to commit. An ACTIVE key is never silenced: rotate it.";
    }

    /** A byte count people read: "812 bytes", "5.6 MiB". */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** "812 ms" below a second, else "3.4 s". */
    static String duration(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
