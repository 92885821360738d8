package io.github.gigachat.scan.report;

import io.github.gigachat.report.JUnitXml;
import io.github.gigachat.scan.KeyStatus;
import io.github.gigachat.scan.Location;
import io.github.gigachat.scan.ScanFinding;
import io.github.gigachat.scan.ScanResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code TEST-gigachat-scan.xml}: one test case per finding, failing when the finding fails the build; one passing case
 * when nothing was found; one error when the scan could not run. A failure's text starts with the first location
 * ({@code path:line:column}), which Warnings NG's JUnit parser takes as the file and line.
 */
final class ScanJunit {
    static final String SUITE = "gigachat.scan";

    private ScanJunit() {}

    static String junitXml(ScanResult result) {
        if (result.error() != null) {
            return new JUnitXml(SUITE, 1, 0, 1, 0, result.durationMillis())
                    .properties(properties(result))
                    .error("scan", ScanOutcome.ERROR.name(), result.error(), ScanWords.summary(result))
                    .finish();
        }
        if (result.findings().isEmpty()) {
            return new JUnitXml(SUITE, 1, 0, 0, 0, result.durationMillis())
                    .properties(properties(result))
                    .passed(
                            "no GigaChat key in " + ScanWords.number(result.filesScanned()) + " scanned files",
                            ScanWords.summary(result))
                    .finish();
        }
        long failures = result.findings().stream().filter(ScanFinding::failing).count();
        JUnitXml xml = new JUnitXml(SUITE, result.findings().size(), failures, 0, 0, result.durationMillis())
                .properties(properties(result));
        for (ScanFinding finding : result.findings()) {
            String name = finding.status() + " " + finding.fingerprint() + " "
                    + finding.kind().id() + " "
                    + (finding.locations().isEmpty() ? "" : finding.locations().get(0));
            if (finding.failing()) {
                xml.failed(
                        name.strip(), finding.status().name(), ScanWords.whatToDo(finding.status()), details(finding));
            } else {
                xml.passed(name.strip(), details(finding));
            }
        }
        return xml.finish();
    }

    private static Map<String, String> properties(ScanResult result) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("outcome", ScanOutcome.of(result).name());
        properties.put("directory", result.directory());
        properties.put("git", Boolean.toString(result.git()));
        properties.put("history", Boolean.toString(result.history()));
        properties.put("since", result.since());
        properties.put(
                "failOn", result.failOn().stream().sorted().map(KeyStatus::name).collect(Collectors.joining(",")));
        properties.put("filesScanned", Long.toString(result.filesScanned()));
        properties.put("bytesScanned", Long.toString(result.bytesScanned()));
        return properties;
    }

    /** Every location on its own line, then what the status means, the check's detail and what to do. */
    private static String details(ScanFinding finding) {
        StringBuilder details = new StringBuilder();
        for (Location location : finding.locations()) {
            details.append(location).append('\n');
        }
        details.append(finding.status());
        if (finding.scope() != null) {
            details.append(" (scope ").append(finding.scope().wireName()).append(')');
        }
        details.append(": the ")
                .append(ScanWords.noun(finding.kind()))
                .append(' ')
                .append(finding.fingerprint())
                .append(' ')
                .append(ScanWords.meaning(finding.status()))
                .append(". Live check: ")
                .append(finding.detail())
                .append('\n');
        if (finding.baselined()) {
            details.append("Listed in the baseline.\n");
        }
        return details.append(ScanWords.whatToDo(finding.status())).toString();
    }
}
