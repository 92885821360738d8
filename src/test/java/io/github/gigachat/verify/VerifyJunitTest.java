package io.github.gigachat.verify;

import static org.assertj.core.api.Assertions.assertThat;

import edu.hm.hafner.analysis.FileReaderFactory;
import edu.hm.hafner.analysis.Issue;
import edu.hm.hafner.analysis.Report;
import edu.hm.hafner.analysis.parser.violations.JUnitAdapter;
import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.Fault;
import io.github.gigachat.emulator.GigaChatEmulator;
import io.github.gigachat.maven.HelpfulSuggestions;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TEST-gigachat-verify.xml} as the CI servers read it: real verifications against the emulator, with the
 * plugin's own sentences, written by {@link VerifyReports} and read back by Surefire's report parser (what Jenkins'
 * {@code junit} step and Maven's report tooling count) and by the JUnit parser of Warnings NG ({@code analysis-model}):
 * the number of tests, failures and skips, each test's name, and the failure a person reads.
 */
class VerifyJunitTest {
    private static final String REVOKED_ID = "11111111-2222-4333-8444-555555555555";
    private static final String REVOKED_SECRET = "revoked-secret-0001";
    private static final EmulatorAccount REVOKED = EmulatorAccount.prepaid(
                    REVOKED_ID, REVOKED_SECRET, "GIGACHAT_API_PERS", Map.of("embeddings", 100L))
            .revoked();

    @TempDir
    Path directory;

    private GigaChatEmulator emulator;
    private GigaChatClient client;
    private final SecretMasker masker = new SecretMasker();

    @BeforeEach
    void start() throws IOException {
        emulator = GigaChatEmulator.builder().demoAccounts().account(REVOKED).start();
        client = GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(emulator.authUrl())
                        .baseUrl(emulator.baseUrl())
                        .sleeper(d -> {})
                        .build(),
                masker);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        emulator.close();
        String everything = readAll();
        for (EmulatorAccount account :
                List.of(EmulatorAccount.DEMO_PERS_PAID, EmulatorAccount.DEMO_CORP_POSTPAID, REVOKED)) {
            assertThat(everything).doesNotContain(account.authorizationKey()).doesNotContain(account.secret());
        }
        for (String token : emulator.issuedTokens()) {
            assertThat(everything).doesNotContain(token);
        }
    }

    @Test
    void aPaidKeyIsOnePassingTestPerCheck() throws Exception {
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey());
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);

        ReportTestSuite suite = surefire(result);

        assertThat(suite.getFullClassName()).isEqualTo("gigachat.verify");
        assertThat(suite.getNumberOfTests()).isEqualTo(5);
        assertThat(suite.getNumberOfFailures()).isZero();
        assertThat(suite.getNumberOfErrors()).isZero();
        assertThat(suite.getNumberOfSkipped()).isZero();
        assertThat(suite.getTestCases())
                .extracting(ReportTestCase::getFullName)
                .containsExactly(
                        "gigachat.verify.credentials",
                        "gigachat.verify.key-format",
                        "gigachat.verify.token",
                        "gigachat.verify.models",
                        "gigachat.verify.balance:embeddings");
        assertThat(suite.getTestCases()).allMatch(ReportTestCase::isSuccessful);
        Report report = warningsNg();
        assertThat(report.getCounter(JUnitAdapter.TOTAL_TESTS)).isEqualTo(5);
        assertThat(report.getCounter(JUnitAdapter.PASSED_TESTS)).isEqualTo(5);
        assertThat(report.isEmpty()).isTrue();
        assertThat(summaryRows(result))
                .containsExactly(
                        List.of("credentials", "PASS"),
                        List.of("key-format", "PASS"),
                        List.of("token", "PASS"),
                        List.of("models", "PASS"),
                        List.of("balance:embeddings", "PASS"));
    }

    @Test
    void aPostpaidKeyPassesAndItsWarningStaysInTheTestsOutput() throws Exception {
        VerifyResult result = verify(EmulatorAccount.DEMO_CORP_POSTPAID.authorizationKey());
        assertThat(result.outcome()).isEqualTo(Outcome.VALID_POSTPAID);

        ReportTestSuite suite = surefire(result);

        assertThat(suite.getNumberOfTests()).isEqualTo(5);
        assertThat(suite.getNumberOfFailures()).isZero();
        assertThat(suite.getNumberOfSkipped()).isZero();
        assertThat(suite.getTestCases()).allMatch(ReportTestCase::isSuccessful);
        String xml = Files.readString(directory.resolve(VerifyReports.JUNIT_REPORT));
        assertThat(xml)
                .contains("<property name=\"outcome\" value=\"VALID_POSTPAID\"/>")
                .containsPattern(
                        "name=\"balance:embeddings\" time=\"0\"><system-out>WARN: GET /balance answered HTTP 403"
                                + "[^<]*pay-as-you-go[^<]*-Dgigachat.probe=true");
        Report report = warningsNg();
        assertThat(report.getCounter(JUnitAdapter.PASSED_TESTS)).isEqualTo(5);
        assertThat(report.isEmpty()).as("a note, not an issue").isTrue();
        assertThat(summaryRows(result)).contains(List.of("balance:embeddings", "WARN"));
    }

    @Test
    void aRevokedKeyIsOneFailureOfTheTokenCheckSayingWhatToDo() throws Exception {
        VerifyResult result = verify(REVOKED.authorizationKey());
        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);

        ReportTestSuite suite = surefire(result);

        assertThat(suite.getNumberOfTests()).isEqualTo(3);
        assertThat(suite.getNumberOfFailures()).isEqualTo(1);
        assertThat(suite.getNumberOfErrors()).isZero();
        ReportTestCase token = suite.getTestCases().get(2);
        assertThat(token.getFullName()).isEqualTo("gigachat.verify.token");
        assertThat(token.hasFailure()).isTrue();
        assertThat(token.getFailureType()).isEqualTo("INVALID");
        assertThat(token.getFailureMessage())
                .startsWith("GigaChat does not recognise the key from the environment variable GIGACHAT_CREDENTIALS")
                .contains("unknown or was revoked", "https://developers.sber.ru/studio");
        assertThat(suite.getTestCases().subList(0, 2)).allMatch(ReportTestCase::isSuccessful);

        Report report = warningsNg();
        assertThat(report.getCounter(JUnitAdapter.TOTAL_TESTS)).isEqualTo(3);
        assertThat(report.getCounter(JUnitAdapter.FAILED_TESTS)).isEqualTo(1);
        assertThat(report.size()).isEqualTo(1);
        Issue issue = report.get(0);
        assertThat(issue.getMessage()).startsWith("token : GigaChat does not recognise the key");
        assertThat(issue.getFileName()).as("a key check points at no file").isEqualTo("-");
        assertThat(issue.getLineStart()).isZero();
        assertThat(summaryRows(result)).last().isEqualTo(List.of("token", "FAIL"));
    }

    @Test
    void aServerErrorIsAnUnknownFailureOfTheModelsCheck() throws Exception {
        emulator.injectFault(Fault.on(Endpoint.MODELS).times(4).status(503, "{\"status\":503,\"message\":\"busy\"}"));
        VerifyResult result = verify(EmulatorAccount.DEMO_PERS_PAID.authorizationKey());
        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);

        ReportTestSuite suite = surefire(result);

        assertThat(suite.getNumberOfTests()).isEqualTo(5);
        assertThat(suite.getNumberOfFailures()).isEqualTo(1);
        assertThat(suite.getTestCases())
                .filteredOn(ReportTestCase::hasFailure)
                .singleElement()
                .satisfies(models -> {
                    assertThat(models.getFullName()).isEqualTo("gigachat.verify.models");
                    assertThat(models.getFailureType()).isEqualTo("UNKNOWN");
                    assertThat(models.getFailureMessage())
                            .startsWith("The model list could not be read: GET /models answered HTTP 503: busy");
                });

        Report report = warningsNg();
        assertThat(report.getCounter(JUnitAdapter.FAILED_TESTS)).isEqualTo(1);
        assertThat(report.getCounter(JUnitAdapter.PASSED_TESTS)).isEqualTo(4);
        assertThat(report.size()).isEqualTo(1);
        assertThat(report.get(0).getMessage()).startsWith("models : The model list could not be read");
        assertThat(summaryRows(result)).contains(List.of("models", "FAIL"), List.of("balance:embeddings", "PASS"));
    }

    @Test
    void noKeyAtAllIsAFailureOfTheCredentialsCheck() throws Exception {
        VerifyResult result = verify(null);
        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);

        ReportTestSuite suite = surefire(result);

        assertThat(suite.getNumberOfTests()).isEqualTo(1);
        assertThat(suite.getNumberOfFailures()).isEqualTo(1);
        assertThat(suite.getTestCases().get(0).getName()).isEqualTo("credentials");
        assertThat(suite.getTestCases().get(0).getFailureMessage()).contains("GIGACHAT_CREDENTIALS");
        assertThat(warningsNg().size()).isEqualTo(1);
    }

    private VerifyResult verify(String key) {
        VerifyRequest request = VerifyRequest.forKey(
                key == null ? null : "env:GIGACHAT_CREDENTIALS",
                "the environment variable GIGACHAT_CREDENTIALS",
                key,
                "Set the environment variable GIGACHAT_CREDENTIALS.",
                null,
                List.of(),
                List.of("embeddings"),
                BigDecimal.ONE,
                false,
                "Embeddings");
        return new Verifier(client, masker, Clock.systemUTC(), false, new HelpfulSuggestions()).verify(request);
    }

    private ReportTestSuite surefire(VerifyResult result) throws Exception {
        VerifyReports.write(directory, result);
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger())
                .parse(directory.resolve(VerifyReports.JUNIT_REPORT).toString());
        assertThat(suites).hasSize(1);
        return suites.get(0);
    }

    private Report warningsNg() {
        return new JUnitAdapter().parse(new FileReaderFactory(directory.resolve(VerifyReports.JUNIT_REPORT)));
    }

    /**
     * The step summary's table as GitHub renders it: each row split at the pipes that are not escaped, the check and
     * its status; a row whose message broke the table would have more or fewer cells.
     */
    private List<List<String>> summaryRows(VerifyResult result) throws IOException {
        Path summary = directory.resolve("step-summary.md");
        Files.deleteIfExists(summary);
        VerifyReports.appendGitHubSummary(summary, "my-service", result);
        List<String> lines = Files.readAllLines(summary);
        assertThat(lines.get(0)).isEqualTo("### GigaChat key check (my-service): `" + result.outcome() + "`");
        int header = lines.indexOf("| check | status | message |");
        assertThat(lines.get(header + 1)).isEqualTo("|---|---|---|");
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("(?<!\\\\)\\|", -1);
            assertThat(cells).as(line).hasSize(5);
            rows.add(List.of(cells[1].strip(), cells[2].strip()));
        }
        assertThat(rows).hasSameSizeAs(result.checks());
        return rows;
    }

    private String readAll() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
