package io.github.gigachat.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.github.gigachat.io.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Accepted findings, by key fingerprint: a baseline survives moved lines and rebases, and a new key on an old line is
 * still found. The file lists, per fingerprint, its kind, status and first place when written, for the reviewer of
 * the commit that adds it; only the fingerprints count.
 *
 * <pre>{"schemaVersion": 1, "findings": [{"fingerprint": "sha256:…", "kind": "…", "status": "…", "path": "…"}]}</pre>
 */
public final class Baseline {
    public static final String DEFAULT_FILE = ".gigachat-scan-baseline.json";
    private static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{12}");
    private static final JsonFactory JSON = new JsonFactory();

    private Baseline() {}

    /** The fingerprints in the file; an error message that names the file when it is not a baseline. */
    public static Set<String> read(Path file) throws IOException {
        Set<String> fingerprints = new TreeSet<>();
        try (JsonParser json = JSON.createParser(Files.newBufferedReader(file))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(file, "it is not a JSON object");
            }
            boolean sawFindings = false;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("findings") && value == JsonToken.START_ARRAY) {
                    sawFindings = true;
                    readFindings(file, json, fingerprints);
                } else {
                    json.skipChildren();
                }
            }
            if (!sawFindings) {
                throw invalid(file, "it has no \"findings\" array");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid(file, "it is not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        return fingerprints;
    }

    private static void readFindings(Path file, JsonParser json, Set<String> fingerprints) throws IOException {
        while (json.nextToken() == JsonToken.START_OBJECT) {
            String fingerprint = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (field.equals("fingerprint")) {
                    fingerprint = json.getValueAsString();
                } else {
                    json.skipChildren();
                }
            }
            if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
                throw invalid(file, "an entry has no fingerprint of the form sha256:<12 hex digits>");
            }
            fingerprints.add(fingerprint);
        }
    }

    private static IOException invalid(Path file, String why) {
        return new InvalidBaselineException(file + " is not a GigaChat scan baseline: " + why + ".");
    }

    /** Writes every finding (atomically), sorted by fingerprint, without dates, so the file diffs cleanly. */
    public static void write(Path file, List<ScanFinding> findings) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeNumberField("schemaVersion", 1);
            json.writeArrayFieldStart("findings");
            for (ScanFinding finding : findings.stream()
                    .sorted(Comparator.comparing(ScanFinding::fingerprint))
                    .toList()) {
                json.writeStartObject();
                json.writeStringField("fingerprint", finding.fingerprint());
                json.writeStringField("kind", finding.kind().id());
                json.writeStringField("status", finding.status().name());
                if (!finding.locations().isEmpty()) {
                    json.writeStringField("path", finding.locations().get(0).path());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        AtomicFiles.write(file, out + "\n");
    }

    /** The file is not a baseline; the message names it and says what is wrong. */
    public static final class InvalidBaselineException extends IOException {
        private static final long serialVersionUID = 1L;

        InvalidBaselineException(String message) {
            super(message);
        }
    }
}
