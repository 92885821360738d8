package io.github.gigachat.verify;

import io.github.gigachat.io.AtomicFiles;
import io.github.gigachat.report.JUnitXml;
import io.github.gigachat.report.PrettyJson;
import io.github.gigachat.report.StepSummary;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the results of a verification for machines: {@code verify-report.json}, the JUnit XML that Jenkins'
 * {@code junit} step reads, and the GitHub Actions step summary. Files are replaced atomically.
 */
public final class VerifyReports {
    public static final String JSON_REPORT = "verify-report.json";
    public static final String JUNIT_REPORT = "TEST-gigachat-verify.xml";
    static final int SCHEMA_VERSION = 1;
    private static final String SUITE = "gigachat.verify";

    private VerifyReports() {}

    /** Writes both report files into {@code directory} (created when missing). */
    public static void write(Path directory, VerifyResult result) throws IOException {
        AtomicFiles.write(directory.resolve(JSON_REPORT), json(result) + "\n");
        AtomicFiles.write(directory.resolve(JUNIT_REPORT), junitXml(result));
    }

    static String json(VerifyResult result) {
        return PrettyJson.render(json -> {
            json.writeStartObject();
            json.writeNumberField("schemaVersion", SCHEMA_VERSION);
            json.writeStringField("outcome", result.outcome().name());
            PrettyJson.strings(
                    json, "raised", result.raised().stream().map(Outcome::name).toList());
            json.writeStringField("summary", result.summary());
            json.writeStringField("scope", result.scope());
            json.writeStringField("credentialsSource", result.credentialsSource());
            json.writeStringField("keyFingerprint", result.keyFingerprint());
            json.writeArrayFieldStart("checks");
            for (Check check : result.checks()) {
                json.writeStartObject();
                json.writeStringField("name", check.name());
                json.writeStringField("status", check.status().name());
                json.writeStringField("message", check.message());
                if (check.raises() != null) {
                    json.writeStringField("raises", check.raises().name());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("balance");
            for (Map.Entry<String, BigDecimal> entry : new TreeMap<>(result.balance()).entrySet()) {
                json.writeNumberField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            PrettyJson.strings(json, "models", result.models());
            json.writeNumberField("durationMs", result.durationMs());
            json.writeBooleanField("emulated", result.emulated());
            json.writeBooleanField("insecure", result.insecure());
            PrettyJson.strings(json, "warnings", result.warnings());
            json.writeEndObject();
        });
    }

    static String junitXml(VerifyResult result) {
        long failures = result.checks().stream()
                .filter(c -> c.status() == Check.Status.FAIL)
                .count();
        long skipped = result.checks().stream()
                .filter(c -> c.status() == Check.Status.SKIP)
                .count();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("outcome", result.outcome().name());
        properties.put(
                "raised",
                String.join(",", result.raised().stream().map(Outcome::name).toList()));
        properties.put("scope", result.scope());
        properties.put("credentialsSource", result.credentialsSource());
        properties.put("keyFingerprint", result.keyFingerprint());
        properties.put("emulated", Boolean.toString(result.emulated()));
        properties.put("insecure", Boolean.toString(result.insecure()));
        JUnitXml xml = new JUnitXml(SUITE, result.checks().size(), failures, 0, skipped, result.durationMs())
                .properties(properties);
        for (Check check : result.checks()) {
            switch (check.status()) {
                case FAIL ->
                    xml.failed(check.name(), check.raises().name(), check.message(), failureDetail(result, check));
                case SKIP -> xml.skipped(check.name(), check.message());
                case WARN, PASS -> xml.passed(check.name(), check.status() + ": " + check.message());
            }
        }
        return xml.finish();
    }

    /**
     * The body of a failure, beside its message: what it raises and which credential it concerns. Different from the
     * message on purpose: Jenkins' Warnings NG shows both, and the same sentence twice says nothing new.
     */
    private static String failureDetail(VerifyResult result, Check check) {
        return "Raises " + check.raises() + "; the build's outcome is " + result.outcome() + ". Credentials: "
                + (result.credentialsSource() == null ? "none found" : result.credentialsSource())
                + (result.keyFingerprint() == null ? "" : " (" + result.keyFingerprint() + ")") + ".";
    }

    /** Appends a short Markdown summary to the GitHub Actions step summary file. */
    public static void appendGitHubSummary(Path summaryFile, String project, VerifyResult result) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("### GigaChat key check")
                .append(project == null ? "" : " (" + project + ")")
                .append(": `")
                .append(result.outcome())
                .append("`\n\n");
        if (result.raised().size() > 1) {
            md.append("Raised: ").append(result.raised()).append("\n\n");
        }
        md.append(StepSummary.cell(result.summary())).append("\n\n");
        md.append("| check | status | message |\n|---|---|---|\n");
        for (Check check : result.checks()) {
            md.append("| ")
                    .append(check.name())
                    .append(" | ")
                    .append(check.status())
                    .append(" | ")
                    .append(StepSummary.cell(check.message()))
                    .append(" |\n");
        }
        if (result.emulated()) {
            md.append("\n_Run against the built-in GigaChat emulator: no real key was checked._\n");
        }
        if (result.insecure()) {
            md.append("\n**TLS verification was turned off (gigachat.insecure=true).**\n");
        }
        md.append('\n');
        StepSummary.append(summaryFile, md.toString());
    }
}
