package io.github.gigachat.scan.report;

import static io.github.gigachat.scan.report.ScanFixtures.assertOnlyGivenFingerprints;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gigachat.scan.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON report read back field by field, the three files in every outcome, and the step summary. */
class ScanReportsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path directory;

    @AfterEach
    void noKeyInAnyReport() throws IOException {
        ScanFixtures.assertNoKeyInFilesUnder(directory);
    }

    @Test
    void theJsonReportHoldsEveryFieldOfEveryFindingAndLocation() throws IOException {
        ScanReports.write(directory, ScanFixtures.everyStatus());
        String text = Files.readString(directory.resolve(ScanReports.JSON_REPORT));
        JsonNode json = MAPPER.readTree(text);

        assertThat(fieldNames(json))
                .containsExactly(
                        "schemaVersion",
                        "outcome",
                        "summary",
                        "directory",
                        "git",
                        "history",
                        "since",
                        "failOn",
                        "filesScanned",
                        "bytesScanned",
                        "durationMillis",
                        "counts",
                        "findings",
                        "skipped",
                        "error");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(json.get("summary").asText())
                .isEqualTo("Found 5 distinct GigaChat keys (1 ACTIVE, 1 INACTIVE, 1 UNKNOWN, 1 UNVERIFIED, 1 DEMO);"
                        + " 3 fail the build.");
        assertThat(json.get("directory").asText()).isEqualTo(ScanFixtures.DIRECTORY);
        assertThat(json.get("git").asBoolean()).isTrue();
        assertThat(json.get("history").asBoolean()).isTrue();
        assertThat(json.get("since").asText()).isEqualTo("origin/main");
        assertThat(texts(json.get("failOn"))).containsExactly("ACTIVE", "UNKNOWN", "UNVERIFIED");
        assertThat(json.get("filesScanned").asLong()).isEqualTo(1234);
        assertThat(json.get("bytesScanned").asLong()).isEqualTo(5_678_901);
        assertThat(json.get("durationMillis").asLong()).isEqualTo(812);
        assertThat(json.get("counts").toString())
                .isEqualTo("{\"ACTIVE\":1,\"INACTIVE\":1,\"UNKNOWN\":1,\"UNVERIFIED\":1,\"DEMO\":1}");
        assertThat(json.get("error").isNull()).isTrue();

        JsonNode findings = json.get("findings");
        assertThat(findings).hasSize(5);
        JsonNode active = findings.get(0);
        assertThat(fieldNames(active))
                .containsExactly(
                        "fingerprint", "kind", "status", "scope", "detail", "baselined", "failing", "locations");
        assertThat(active.get("fingerprint").asText()).isEqualTo(ScanFixtures.ACTIVE);
        assertThat(active.get("kind").asText()).isEqualTo("authorization-key");
        assertThat(active.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.get("scope").asText()).isEqualTo("GIGACHAT_API_PERS");
        assertThat(active.get("detail").asText()).isEqualTo("a token was issued for GIGACHAT_API_PERS");
        assertThat(active.get("baselined").asBoolean()).isFalse();
        assertThat(active.get("failing").asBoolean()).isTrue();
        assertThat(active.get("locations").toString())
                .isEqualTo("[{\"path\":\"src/main/resources/application.properties\",\"line\":3,\"column\":17},"
                        + "{\"path\":\"deploy/k8s secret.yaml\",\"line\":12,\"column\":9}]");

        JsonNode inactive = findings.get(3);
        assertThat(inactive.get("kind").asText()).isEqualTo("client-credentials");
        assertThat(inactive.get("status").asText()).isEqualTo("INACTIVE");
        assertThat(inactive.get("scope").isNull()).isTrue();
        assertThat(inactive.get("baselined").asBoolean()).isTrue();
        assertThat(inactive.get("failing").asBoolean()).isFalse();
        assertThat(inactive.get("locations").toString())
                .isEqualTo("[{\"path\":\"lib/legacy.jar!/config/app.properties\",\"line\":4,\"column\":3},"
                        + "{\"path\":\"old/secrets.yaml\",\"line\":2,\"column\":15,\"commit\":\""
                        + ScanFixtures.COMMIT + "\"}]");
        assertThat(texts(findings, "status")).containsExactly("ACTIVE", "UNKNOWN", "UNVERIFIED", "INACTIVE", "DEMO");

        assertThat(json.get("skipped").toString())
                .isEqualTo("[{\"path\":\"assets/video.mp4\",\"reason\":\"larger than 10485760 bytes\"},"
                        + "{\"path\":\"dump.bin\",\"commit\":\"" + ScanFixtures.COMMIT + "\",\"reason\":\"binary\"}]");
        assertOnlyGivenFingerprints(text);
    }

    @Test
    void aCleanScanPassesAndSaysHowManyFilesItRead() throws IOException {
        JsonNode json = readJson((ScanFixtures.clean()));

        assertThat(json.get("outcome").asText()).isEqualTo("PASSED");
        assertThat(json.get("summary").asText()).isEqualTo("No GigaChat key found in 42 scanned files.");
        assertThat(json.get("since").isNull()).isTrue();
        assertThat(json.get("findings")).isEmpty();
        assertThat(json.get("counts").toString())
                .isEqualTo("{\"ACTIVE\":0,\"INACTIVE\":0,\"UNKNOWN\":0,\"UNVERIFIED\":0,\"DEMO\":0}");
    }

    @Test
    void findingsThatDoNotFailTheBuildPass() throws IOException {
        ScanResult result = ScanFixtures.result(
                List.of(ScanFixtures.everyStatus().findings().get(3)));

        JsonNode json = readJson((result));

        assertThat(json.get("outcome").asText()).isEqualTo("PASSED");
        assertThat(json.get("summary").asText())
                .isEqualTo("Found 1 distinct GigaChat key (1 INACTIVE); it does not fail the build.");
    }

    @Test
    void anErrorStillWritesAllThreeReports() throws IOException {
        ScanReports.write(directory, ScanFixtures.error());

        JsonNode json =
                MAPPER.readTree(directory.resolve(ScanReports.JSON_REPORT).toFile());
        assertThat(json.get("outcome").asText()).isEqualTo("ERROR");
        assertThat(json.get("error").asText()).contains("gigachat.scan.since", "origin/nope");
        assertThat(json.get("summary").asText()).startsWith("The scan could not run: ");
        assertThat(directory.resolve(ScanReports.SARIF_REPORT)).isNotEmptyFile();
        assertThat(directory.resolve(ScanReports.JUNIT_REPORT)).isNotEmptyFile();
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left")
                    .containsExactlyInAnyOrder(
                            ScanReports.JSON_REPORT, ScanReports.SARIF_REPORT, ScanReports.JUNIT_REPORT);
        }
    }

    @Test
    void theSameResultGivesTheSameBytes() throws IOException {
        ScanReports.write(directory, ScanFixtures.everyStatus());
        List<byte[]> first = contents();
        Path other = Files.createDirectory(directory.resolve("again"));
        ScanReports.write(other, ScanFixtures.everyStatus());

        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(other.resolve(names().get(i)))).isEqualTo(first.get(i));
        }
    }

    @Test
    void theStepSummaryHasTheVerdictAndOneRowPerKey() throws IOException {
        Path summary = directory.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");

        ScanReports.appendGitHubSummary(summary, "shop-service", ScanFixtures.everyStatus());

        String md = Files.readString(summary);
        assertThat(md)
                .startsWith("earlier step\n### GigaChat key scan (shop-service): `FAILED`\n\n")
                .contains("| status | fingerprint | kind | where | what to do |\n|---|---|---|---|---|\n")
                .contains("| **ACTIVE** (GIGACHAT_API_PERS) | `" + ScanFixtures.ACTIVE + "` | authorization-key"
                        + " | src/main/resources/application.properties:3:17 and 1 more | Rotate it now in the Sber"
                        + " developer studio (https://developers.sber.ru/studio), then remove it from the git history")
                .contains("| INACTIVE (baselined) | `" + ScanFixtures.INACTIVE + "` | client-credentials"
                        + " | lib/legacy.jar!/config/app.properties:4:3 and 1 more | Remove it")
                .contains("| DEMO | `" + ScanFixtures.DEMO + "` |")
                .contains("_2 not scanned: see `scan-report.json`._");
        assertThat(md.lines().filter(line -> line.startsWith("| ")).count()).isEqualTo(6);
        assertOnlyGivenFingerprints(md);
    }

    @Test
    void theStepSummaryOfACleanScanAndOfAnErrorIsTheVerdictAndOneSentence() throws IOException {
        Path summary = directory.resolve("summary.md");

        ScanReports.appendGitHubSummary(summary, null, ScanFixtures.clean());
        ScanReports.appendGitHubSummary(summary, null, ScanFixtures.error());

        assertThat(Files.readString(summary))
                .isEqualTo("### GigaChat key scan: `PASSED`\n\nNo GigaChat key found in 42 scanned files.\n\n"
                        + "### GigaChat key scan: `ERROR`\n\nThe scan could not run: gigachat.scan.since names"
                        + " 'origin/nope', which is not a ref of the repository\n\n");
    }

    private static JsonNode readJson(ScanResult result) throws IOException {
        String json = ScanJson.json(result);
        assertOnlyGivenFingerprints(json);
        return MAPPER.readTree(json);
    }

    private List<byte[]> contents() throws IOException {
        List<byte[]> contents = new ArrayList<>();
        for (String name : names()) {
            contents.add(Files.readAllBytes(directory.resolve(name)));
        }
        return contents;
    }

    private static List<String> names() {
        return List.of(ScanReports.JSON_REPORT, ScanReports.SARIF_REPORT, ScanReports.JUNIT_REPORT);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.get(field).asText()));
        return texts;
    }
}
