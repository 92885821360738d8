package io.github.gigachat.scan.report;

import io.github.gigachat.report.StepSummary;
import io.github.gigachat.scan.ScanFinding;
import io.github.gigachat.scan.ScanResult;

/** The scan's part of the GitHub Actions step summary: the verdict, then one table row per distinct key. */
final class ScanMarkdown {
    private ScanMarkdown() {}

    static String markdown(String project, ScanResult result) {
        StringBuilder md = new StringBuilder("### GigaChat key scan")
                .append(project == null ? "" : " (" + project + ")")
                .append(": `")
                .append(ScanOutcome.of(result))
                .append("`\n\n")
                .append(StepSummary.cell(ScanWords.summary(result)))
                .append("\n\n");
        if (!result.findings().isEmpty()) {
            md.append("| status | fingerprint | kind | where | what to do |\n|---|---|---|---|---|\n");
            for (ScanFinding finding : result.findings()) {
                md.append("| ")
                        .append(status(finding))
                        .append(" | `")
                        .append(finding.fingerprint())
                        .append("` | ")
                        .append(finding.kind().id())
                        .append(" | ")
                        .append(StepSummary.cell(ScanWords.where(finding)))
                        .append(" | ")
                        .append(StepSummary.cell(ScanWords.whatToDo(finding.status())))
                        .append(" |\n");
            }
            md.append('\n');
        }
        if (!result.skipped().isEmpty()) {
            md.append("_")
                    .append(ScanWords.number(result.skipped().size()))
                    .append(" not scanned: see `")
                    .append(ScanReports.JSON_REPORT)
                    .append("`._\n\n");
        }
        return md.toString();
    }

    private static String status(ScanFinding finding) {
        String status = finding.failing()
                ? "**" + finding.status() + "**"
                : finding.status().name();
        if (finding.scope() != null) {
            status += " (" + finding.scope().wireName() + ")";
        }
        return finding.baselined() ? status + " (baselined)" : status;
    }
}
