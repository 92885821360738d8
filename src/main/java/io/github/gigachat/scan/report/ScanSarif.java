package io.github.gigachat.scan.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.gigachat.client.PluginVersion;
import io.github.gigachat.report.PrettyJson;
import io.github.gigachat.scan.KeyKind;
import io.github.gigachat.scan.KeyStatus;
import io.github.gigachat.scan.Location;
import io.github.gigachat.scan.ScanFinding;
import io.github.gigachat.scan.ScanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code scan-report.sarif}: SARIF 2.1.0 for GitHub code scanning and Jenkins Warnings NG. One result per location,
 * because GitHub only uses a result's first location; one rule per {@link KeyKind}.
 *
 * <p>What the consumers do with it, and why it is written this way:
 *
 * <ul>
 *   <li>URIs are relative to the git repository's root, with {@code uriBaseId} {@code %SRCROOT%}, declared in
 *       {@code originalUriBaseIds} without a {@code uri} (the root's absolute path differs per machine): Warnings NG
 *       then reads the relative path as it is, GitHub resolves it against the checkout.
 *   <li>An archive entry is reported on the archive, the file the repository holds, at line 1; the message names the
 *       entry, its line and column. GitHub's documentation lists {@code region.startLine} as required.
 *   <li>{@code endColumn} is left out: the result holds no key, so its length is unknown; SARIF then means "to the end
 *       of the line".
 *   <li>GitHub matches alerts across runs by {@code partialFingerprints.primaryLocationLineHash}, which its
 *       {@code upload-sarif} action computes from the line when absent (and warns when a given one differs from its
 *       own), so it is not set here. {@code gigachatKey/v1} is this plugin's stable identity of a result: the key's
 *       fingerprint and the path, not the line.
 *   <li>A baselined finding that does not fail the build carries an accepted external suppression: Warnings NG then
 *       leaves it out of its issues, GitHub accepts the property and still shows the alert.
 * </ul>
 */
final class ScanSarif {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String TOOL = "gigachat-maven-plugin";
    static final String SOURCE_ROOT = "%SRCROOT%";
    static final String FINGERPRINT_KEY = "gigachatKey/v1";
    private static final String ARCHIVE_SEPARATOR = "!/";

    private ScanSarif() {}

    /** The rule id of a kind: {@code gigachat/authorization-key}. */
    static String ruleId(KeyKind kind) {
        return "gigachat/" + kind.id();
    }

    static String sarif(ScanResult result) {
        return PrettyJson.render(json -> {
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();
            tool(json);
            json.writeObjectFieldStart("originalUriBaseIds");
            json.writeObjectFieldStart(SOURCE_ROOT);
            text(json, "description", "The root of the git repository that holds the scanned directory.");
            json.writeEndObject();
            json.writeEndObject();
            invocation(json, result);
            json.writeStringField("columnKind", "unicodeCodePoints");
            json.writeArrayFieldStart("results");
            for (ScanFinding finding : result.findings()) {
                if (finding.locations().isEmpty()) {
                    result(json, result, finding, null);
                }
                for (Location location : finding.locations()) {
                    result(json, result, finding, location);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void tool(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", TOOL);
        json.writeStringField("version", PluginVersion.version());
        json.writeStringField("informationUri", ScanWords.HOME_PAGE);
        json.writeArrayFieldStart("rules");
        for (KeyKind kind : KeyKind.values()) {
            rule(json, kind);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void rule(JsonGenerator json, KeyKind kind) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", ruleId(kind));
        json.writeStringField(
                "name",
                kind == KeyKind.AUTHORIZATION_KEY
                        ? "CommittedGigaChatAuthorizationKey"
                        : "CommittedGigaChatClientCredentials");
        text(json, "shortDescription", "GigaChat " + ScanWords.noun(kind) + " committed to the repository");
        text(json, "fullDescription", whatItIs(kind));
        json.writeObjectFieldStart("help");
        json.writeStringField("text", help(kind, false));
        json.writeStringField("markdown", help(kind, true));
        json.writeEndObject();
        json.writeObjectFieldStart("defaultConfiguration");
        json.writeStringField("level", "error");
        json.writeEndObject();
        json.writeObjectFieldStart("properties");
        PrettyJson.strings(json, "tags", List.of("security", "secrets"));
        json.writeStringField("precision", "very-high");
        json.writeEndObject();
        json.writeEndObject();
    }

    private static String whatItIs(KeyKind kind) {
        return switch (kind) {
            case AUTHORIZATION_KEY ->
                "A GigaChat Authorization Key (the Base64 of a client id and a client secret) is committed to the"
                        + " repository, in some encoding: plain, after Basic or Bearer, JSON-escaped, URL-encoded or"
                        + " Base64-encoded once more. Whoever can read the repository can get access tokens with it"
                        + " and spend the account's money.";
            case CLIENT_CREDENTIALS ->
                "A GigaChat client id and client secret are committed next to each other in the repository; together"
                        + " they compose an Authorization Key. Whoever can read the repository can get access tokens"
                        + " with them and spend the account's money.";
        };
    }

    private static String help(KeyKind kind, boolean markdown) {
        StringBuilder help = new StringBuilder(whatItIs(kind));
        help.append(markdown ? "\n\n" : " ")
                .append("The scan checks each distinct key once with a token exchange (never a paid call) and reports"
                        + " it by the fingerprint of its content, never the key itself.")
                .append(markdown ? "\n\nWhat to do, by status:\n" : " What to do, by status:");
        for (KeyStatus status : KeyStatus.values()) {
            help.append(markdown ? "\n- **" + status + "**: the key " : " " + status + ": the key ")
                    .append(ScanWords.meaning(status))
                    .append(". ")
                    .append(ScanWords.whatToDo(status));
        }
        return help.append(markdown ? "\n" : "").toString();
    }

    private static void invocation(JsonGenerator json, ScanResult result) throws IOException {
        json.writeArrayFieldStart("invocations");
        json.writeStartObject();
        json.writeBooleanField("executionSuccessful", result.error() == null);
        if (result.error() != null) {
            json.writeArrayFieldStart("toolExecutionNotifications");
            json.writeStartObject();
            json.writeStringField("level", "error");
            text(json, "message", ScanWords.summary(result));
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndArray();
    }

    private static void result(JsonGenerator json, ScanResult scan, ScanFinding finding, Location location)
            throws IOException {
        String path = location == null ? null : location.path();
        int separator = path == null ? -1 : path.indexOf(ARCHIVE_SEPARATOR);
        String file = separator < 0 ? path : path.substring(0, separator);
        String entry = separator < 0 ? null : path.substring(separator + ARCHIVE_SEPARATOR.length());

        json.writeStartObject();
        json.writeStringField("ruleId", ruleId(finding.kind()));
        json.writeNumberField("ruleIndex", finding.kind().ordinal());
        json.writeStringField("level", level(finding));
        text(json, "message", message(finding, location, entry));
        if (location != null) {
            json.writeArrayFieldStart("locations");
            json.writeStartObject();
            json.writeObjectFieldStart("physicalLocation");
            json.writeObjectFieldStart("artifactLocation");
            json.writeStringField("uri", uri(scan.repositoryPrefix() + file));
            json.writeStringField("uriBaseId", SOURCE_ROOT);
            json.writeEndObject();
            json.writeObjectFieldStart("region");
            int line = entry == null ? location.line() : 1;
            json.writeNumberField("startLine", line);
            json.writeNumberField("startColumn", entry == null ? location.column() : 1);
            json.writeNumberField("endLine", line);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            json.writeObjectFieldStart("partialFingerprints");
            json.writeStringField(FINGERPRINT_KEY, finding.fingerprint() + ":" + scan.repositoryPrefix() + path);
            json.writeEndObject();
        }
        json.writeObjectFieldStart("properties");
        json.writeStringField("fingerprint", finding.fingerprint());
        json.writeStringField("status", finding.status().name());
        json.writeStringField("kind", finding.kind().id());
        if (finding.scope() != null) {
            json.writeStringField("scope", finding.scope().wireName());
        }
        if (entry != null) {
            json.writeStringField("archiveEntry", entry);
        }
        if (location != null && location.commit() != null) {
            json.writeStringField("commit", location.commit());
        }
        json.writeBooleanField("baselined", finding.baselined());
        json.writeEndObject();
        if (finding.baselined() && !finding.failing()) {
            json.writeArrayFieldStart("suppressions");
            json.writeStartObject();
            json.writeStringField("kind", "external");
            json.writeStringField("status", "accepted");
            json.writeStringField("justification", "Accepted in the scan's baseline by its fingerprint.");
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /** error when it fails the build; note for the emulator's demo keys; warning otherwise. */
    static String level(ScanFinding finding) {
        if (finding.failing()) {
            return "error";
        }
        return finding.status() == KeyStatus.DEMO ? "note" : "warning";
    }

    /** Status, fingerprint, scope, what to do, and where exactly: never the key or the line's text. */
    static String message(ScanFinding finding, Location location, String entry) {
        StringBuilder message = new StringBuilder()
                .append(finding.status())
                .append(" GigaChat ")
                .append(ScanWords.noun(finding.kind()))
                .append(' ')
                .append(finding.fingerprint());
        if (finding.status() == KeyStatus.ACTIVE && finding.scope() != null) {
            message.append(" (scope ").append(finding.scope().wireName()).append(')');
        }
        message.append(": it ").append(ScanWords.meaning(finding.status()));
        if (finding.status() == KeyStatus.UNKNOWN) {
            message.append(" (").append(finding.detail()).append(')');
        }
        message.append(". ").append(ScanWords.whatToDo(finding.status()));
        if (location != null) {
            message.append(entry == null ? " At line " : " In the archive entry " + entry + ", at line ")
                    .append(location.line())
                    .append(", column ")
                    .append(location.column())
                    .append('.');
            if (location.commit() != null) {
                message.append(" Added in commit ").append(location.commit()).append('.');
            }
        }
        if (finding.baselined()) {
            message.append(
                    finding.status() == KeyStatus.ACTIVE
                            ? " Listed in the baseline, which never silences a working key."
                            : " Listed in the baseline.");
        }
        return message.toString();
    }

    /** A repository-relative path as a URI reference: each byte outside the unreserved set percent-encoded. */
    static String uri(String path) {
        StringBuilder uri = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            // ':' is encoded too: in a relative reference's first segment it would read as a scheme
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~/!$&'()*+,;=@".indexOf(c) >= 0)) {
                uri.append((char) c);
            } else {
                uri.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                uri.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return uri.toString();
    }

    private static void text(JsonGenerator json, String field, String text) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("text", text);
        json.writeEndObject();
    }
}
