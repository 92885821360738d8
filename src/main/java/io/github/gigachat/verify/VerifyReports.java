package io.github.gigachat.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.github.gigachat.io.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
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
    private static final JsonFactory JSON = new JsonFactory();

    private VerifyReports() {}

    /** Writes both report files into {@code directory} (created when missing). */
    public static void write(Path directory, VerifyResult result) throws IOException {
        AtomicFiles.write(directory.resolve(JSON_REPORT), json(result) + "\n");
        AtomicFiles.write(directory.resolve(JUNIT_REPORT), junitXml(result));
    }

    static String json(VerifyResult result) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeNumberField("schemaVersion", SCHEMA_VERSION);
            json.writeStringField("outcome", result.outcome().name());
            writeStrings(
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
            writeStrings(json, "models", result.models());
            json.writeNumberField("durationMs", result.durationMs());
            json.writeBooleanField("emulated", result.emulated());
            json.writeBooleanField("insecure", result.insecure());
            writeStrings(json, "warnings", result.warnings());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the report", e);
        }
        return out.toString();
    }

    private static void writeStrings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    static String junitXml(VerifyResult result) {
        long failures = result.checks().stream()
                .filter(c -> c.status() == Check.Status.FAIL)
                .count();
        long skipped = result.checks().stream()
                .filter(c -> c.status() == Check.Status.SKIP)
                .count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"")
                .append(SUITE)
                .append("\" tests=\"")
                .append(result.checks().size())
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"0\" skipped=\"")
                .append(skipped)
                .append("\" time=\"")
                .append(seconds(result.durationMs()))
                .append("\">\n");
        xml.append("  <properties>\n");
        property(xml, "outcome", result.outcome().name());
        property(
                xml,
                "raised",
                String.join(",", result.raised().stream().map(Outcome::name).toList()));
        property(xml, "scope", result.scope());
        property(xml, "credentialsSource", result.credentialsSource());
        property(xml, "keyFingerprint", result.keyFingerprint());
        property(xml, "emulated", Boolean.toString(result.emulated()));
        property(xml, "insecure", Boolean.toString(result.insecure()));
        xml.append("  </properties>\n");
        for (Check check : result.checks()) {
            xml.append("  <testcase classname=\"")
                    .append(SUITE)
                    .append("\" name=\"")
                    .append(escape(check.name()))
                    .append("\" time=\"0\">");
            String message = escape(check.message());
            switch (check.status()) {
                case FAIL ->
                    xml.append("<failure type=\"")
                            .append(check.raises())
                            .append("\" message=\"")
                            .append(message)
                            .append("\">")
                            .append(message)
                            .append("</failure>");
                case SKIP -> xml.append("<skipped message=\"").append(message).append("\"/>");
                case WARN, PASS ->
                    xml.append("<system-out>")
                            .append(check.status())
                            .append(": ")
                            .append(message)
                            .append("</system-out>");
            }
            xml.append("</testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static void property(StringBuilder xml, String name, String value) {
        if (value != null) {
            xml.append("    <property name=\"")
                    .append(name)
                    .append("\" value=\"")
                    .append(escape(value))
                    .append("\"/>\n");
        }
    }

    /** Escapes text for XML content and attributes, dropping the control characters XML 1.0 forbids. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n', '\t' -> out.append(c);
                default -> {
                    if (c >= 0x20 || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
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
        md.append(markdownCell(result.summary())).append("\n\n");
        md.append("| check | status | message |\n|---|---|---|\n");
        for (Check check : result.checks()) {
            md.append("| ")
                    .append(check.name())
                    .append(" | ")
                    .append(check.status())
                    .append(" | ")
                    .append(markdownCell(check.message()))
                    .append(" |\n");
        }
        if (result.emulated()) {
            md.append("\n_Run against the built-in GigaChat emulator: no real key was checked._\n");
        }
        if (result.insecure()) {
            md.append("\n**TLS verification was turned off (gigachat.insecure=true).**\n");
        }
        md.append('\n');
        Files.writeString(
                summaryFile,
                md.toString(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    private static String markdownCell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
