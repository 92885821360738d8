package io.github.gigachat.scan.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.gigachat.report.PrettyJson;
import io.github.gigachat.scan.KeyStatus;
import io.github.gigachat.scan.Location;
import io.github.gigachat.scan.ScanFinding;
import io.github.gigachat.scan.ScanResult;
import io.github.gigachat.scan.Skipped;
import java.io.IOException;
import java.util.Map;

/** {@code scan-report.json}: every finding with every location, what was skipped, the counts; no timestamp. */
final class ScanJson {
    static final int SCHEMA_VERSION = 1;

    private ScanJson() {}

    static String json(ScanResult result) {
        return PrettyJson.render(json -> {
            json.writeStartObject();
            json.writeNumberField("schemaVersion", SCHEMA_VERSION);
            json.writeStringField("outcome", ScanOutcome.of(result).name());
            json.writeStringField("summary", ScanWords.summary(result));
            json.writeStringField("directory", result.directory());
            json.writeBooleanField("git", result.git());
            json.writeBooleanField("history", result.history());
            json.writeStringField("since", result.since());
            PrettyJson.strings(
                    json,
                    "failOn",
                    result.failOn().stream().sorted().map(KeyStatus::name).toList());
            json.writeNumberField("filesScanned", result.filesScanned());
            json.writeNumberField("bytesScanned", result.bytesScanned());
            json.writeNumberField("durationMillis", result.durationMillis());
            json.writeObjectFieldStart("counts");
            for (Map.Entry<KeyStatus, Integer> count : ScanWords.counts(result).entrySet()) {
                json.writeNumberField(count.getKey().name(), count.getValue());
            }
            json.writeEndObject();
            json.writeArrayFieldStart("findings");
            for (ScanFinding finding : result.findings()) {
                finding(json, finding);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("skipped");
            for (Skipped skipped : result.skipped()) {
                json.writeStartObject();
                json.writeStringField("path", skipped.origin().path());
                if (skipped.origin().commit() != null) {
                    json.writeStringField("commit", skipped.origin().commit());
                }
                json.writeStringField("reason", skipped.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("error", result.error());
            json.writeEndObject();
        });
    }

    private static void finding(JsonGenerator json, ScanFinding finding) throws IOException {
        json.writeStartObject();
        json.writeStringField("fingerprint", finding.fingerprint());
        json.writeStringField("kind", finding.kind().id());
        json.writeStringField("status", finding.status().name());
        json.writeStringField(
                "scope", finding.scope() == null ? null : finding.scope().wireName());
        json.writeStringField("detail", finding.detail());
        json.writeBooleanField("baselined", finding.baselined());
        json.writeBooleanField("failing", finding.failing());
        json.writeArrayFieldStart("locations");
        for (Location location : finding.locations()) {
            json.writeStartObject();
            json.writeStringField("path", location.path());
            json.writeNumberField("line", location.line());
            json.writeNumberField("column", location.column());
            if (location.commit() != null) {
                json.writeStringField("commit", location.commit());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
