package io.github.gigachat.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gigachat.io.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the results of a verification for machines: {@code verify-report.json}, the JUnit XML that Jenkins'
 * {@code junit} step reads, and the GitHub Actions step summary. Files are replaced atomically.
 */
public final class VerifyReports {
    public static final String JSON_REPORT = "verify-report.json";
    public static final String JUNIT_REPORT = "TEST-gigachat-verify.xml";
    static final int SCHEMA_VERSION = 1;
    private static final String SUITE = "gigachat.verify";
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private VerifyReports() {}

    /** Writes both report files into {@code directory} (created when missing). */
    public static void write(Path directory, VerifyResult result) throws IOException {
        AtomicFiles.write(directory.resolve(JSON_REPORT), json(result) + "\n");
        AtomicFiles.write(directory.resolve(JUNIT_REPORT), junitXml(result));
    }

    static String json(VerifyResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("outcome", result.outcome().name());
        root.put("summary", result.summary());
        root.put("scope", result.scope());
        root.put("credentialsSource", result.credentialsSource());
        root.put("keyFingerprint", result.keyFingerprint());
        ArrayNode checks = root.putArray("checks");
        for (Check check : result.checks()) {
            checks.addObject()
                    .put("name", check.name())
                    .put("status", check.status().name())
                    .put("message", check.message());
        }
        ObjectNode balance = root.putObject("balance");
        new TreeMap<>(result.balance()).forEach(balance::put);
        ArrayNode models = root.putArray("models");
        result.models().forEach(models::add);
        root.put("durationMs", result.durationMs());
        root.put("emulated", result.emulated());
        root.put("insecure", result.insecure());
        ArrayNode warnings = root.putArray("warnings");
        result.warnings().forEach(warnings::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report", e);
        }
    }

    static String junitXml(VerifyResult result) {
        long failures = result.checks().stream()
                .filter(c -> c.status() == Check.Status.FAIL)
                .count();
        long skipped = result.checks().stream()
                .filter(c -> c.status() == Check.Status.SKIP)
                .count();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE);
            xml.writeAttribute("tests", Integer.toString(result.checks().size()));
            xml.writeAttribute("failures", Long.toString(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(skipped));
            xml.writeAttribute("time", seconds(result.durationMs()));
            xml.writeCharacters("\n");
            writeProperties(xml, result);
            for (Check check : result.checks()) {
                xml.writeCharacters("  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", SUITE);
                xml.writeAttribute("name", check.name());
                xml.writeAttribute("time", "0");
                switch (check.status()) {
                    case FAIL -> {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("type", result.outcome().name());
                        xml.writeAttribute("message", check.message());
                        xml.writeCharacters(check.message());
                        xml.writeEndElement();
                    }
                    case SKIP -> {
                        xml.writeStartElement("skipped");
                        xml.writeAttribute("message", check.message());
                        xml.writeEndElement();
                    }
                    case WARN, PASS -> {
                        xml.writeStartElement("system-out");
                        xml.writeCharacters(check.status() + ": " + check.message());
                        xml.writeEndElement();
                    }
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report", e);
        }
        return out.toString();
    }

    private static void writeProperties(XMLStreamWriter xml, VerifyResult result) throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeStartElement("properties");
        property(xml, "outcome", result.outcome().name());
        property(xml, "scope", result.scope());
        property(xml, "credentialsSource", result.credentialsSource());
        property(xml, "keyFingerprint", result.keyFingerprint());
        property(xml, "emulated", Boolean.toString(result.emulated()));
        property(xml, "insecure", Boolean.toString(result.insecure()));
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", name);
            xml.writeAttribute("value", value);
        }
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
        md.append(escape(result.summary())).append("\n\n");
        md.append("| check | status | message |\n|---|---|---|\n");
        for (Check check : result.checks()) {
            md.append("| ")
                    .append(check.name())
                    .append(" | ")
                    .append(check.status())
                    .append(" | ")
                    .append(escape(check.message()))
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

    private static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
