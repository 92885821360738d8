package io.github.gigachat.scan.report;

import static io.github.gigachat.scan.report.ScanFixtures.assertOnlyGivenFingerprints;
import static org.assertj.core.api.Assertions.assertThat;

import edu.hm.hafner.analysis.FileReaderFactory;
import edu.hm.hafner.analysis.Issue;
import edu.hm.hafner.analysis.Report;
import edu.hm.hafner.analysis.parser.violations.JUnitAdapter;
import io.github.gigachat.scan.KeyStatus;
import io.github.gigachat.scan.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JUnit XML read back by Surefire's report parser (what Maven's report tooling reads) and by the Warnings NG JUnit
 * parser: counts, names, failures, and where a failure points.
 */
class ScanJunitTest {
    @TempDir
    Path directory;

    @AfterEach
    void noKeyInAnyReport() throws IOException {
        ScanFixtures.assertNoKeyInFilesUnder(directory);
    }

    @Test
    void oneTestCasePerKeyFailingWhenItFailsTheBuild() throws Exception {
        ReportTestSuite suite = surefire(ScanFixtures.everyStatus());

        assertThat(suite.getFullClassName()).isEqualTo("gigachat.scan");
        assertThat(suite.getNumberOfTests()).isEqualTo(5);
        assertThat(suite.getNumberOfFailures()).isEqualTo(3);
        assertThat(suite.getNumberOfErrors()).isZero();
        assertThat(suite.getNumberOfSkipped()).isZero();
        assertThat(suite.getTimeElapsed()).isEqualTo(0.812f);
        List<ReportTestCase> cases = suite.getTestCases();
        assertThat(cases)
                .extracting(ReportTestCase::getName)
                .containsExactly(
                        "ACTIVE " + ScanFixtures.ACTIVE
                                + " authorization-key src/main/resources/application.properties:3:17",
                        "UNKNOWN " + ScanFixtures.UNKNOWN + " authorization-key docs/setup.md:40:5",
                        "UNVERIFIED " + ScanFixtures.UNVERIFIED + " client-credentials конфиг/.env:2:1",
                        "INACTIVE " + ScanFixtures.INACTIVE
                                + " client-credentials lib/legacy.jar!/config/app.properties:4:3",
                        "DEMO " + ScanFixtures.DEMO + " authorization-key src/test/resources/emulator.properties:1:20");
        assertThat(cases).extracting(ReportTestCase::hasFailure).containsExactly(true, true, true, false, false);
        assertThat(cases).extracting(ReportTestCase::getFullClassName).containsOnly("gigachat.scan");

        ReportTestCase active = cases.get(0);
        assertThat(active.getFailureType()).isEqualTo("ACTIVE");
        assertThat(active.getFailureMessage())
                .startsWith("Rotate it now in the Sber developer studio (https://developers.sber.ru/studio)")
                .contains("remove it from the git history");
        assertThat(cases.get(1).getFailureType()).isEqualTo("UNKNOWN");
        assertThat(cases.get(2).getFailureType()).isEqualTo("UNVERIFIED");
        assertThat(cases.get(3).isSuccessful()).isTrue();
    }

    @Test
    void warningsNgFindsEachFailureAndTheFileItPointsAt() throws Exception {
        Report report = warningsNg(ScanFixtures.everyStatus());

        assertThat(report.getCounter(JUnitAdapter.TOTAL_TESTS)).isEqualTo(5);
        assertThat(report.getCounter(JUnitAdapter.FAILED_TESTS)).isEqualTo(3);
        assertThat(report.getCounter(JUnitAdapter.PASSED_TESTS)).isEqualTo(2);
        assertThat(report.getCounter(JUnitAdapter.SKIPPED_TESTS)).isZero();
        Issue active = report.stream()
                .filter(issue -> issue.getMessage().startsWith("ACTIVE "))
                .findFirst()
                .orElseThrow();
        assertThat(active.getFileName()).isEqualTo("src/main/resources/application.properties");
        assertThat(active.getLineStart()).isEqualTo(3);
        assertThat(active.getMessage()).contains(ScanFixtures.ACTIVE, "deploy/k8s secret.yaml:12:9");
        Issue unknown = report.stream()
                .filter(issue -> issue.getMessage().startsWith("UNKNOWN "))
                .findFirst()
                .orElseThrow();
        assertThat(unknown.getFileName()).isEqualTo("docs/setup.md");
        assertThat(unknown.getMessage()).contains("Live check: HTTP 503 from the OAuth endpoint");
    }

    @Test
    void aCleanScanIsOnePassingTestNamingTheFilesScanned() throws Exception {
        ReportTestSuite suite = surefire(ScanFixtures.clean());

        assertThat(suite.getNumberOfTests()).isEqualTo(1);
        assertThat(suite.getNumberOfFailures()).isZero();
        assertThat(suite.getTestCases().get(0).getName()).isEqualTo("no GigaChat key in 42 scanned files");
        assertThat(suite.getTestCases().get(0).isSuccessful()).isTrue();
        Report report = warningsNg(ScanFixtures.clean());
        assertThat(report.size()).isZero();
        assertThat(report.getCounter(JUnitAdapter.PASSED_TESTS)).isEqualTo(1);
    }

    @Test
    void anErrorIsOneTestInError() throws Exception {
        ReportTestSuite suite = surefire(ScanFixtures.error());

        assertThat(suite.getNumberOfTests()).isEqualTo(1);
        assertThat(suite.getNumberOfErrors()).isEqualTo(1);
        assertThat(suite.getNumberOfFailures()).isZero();
        ReportTestCase scan = suite.getTestCases().get(0);
        assertThat(scan.getName()).isEqualTo("scan");
        assertThat(scan.hasError()).isTrue();
        assertThat(scan.getFailureType()).isEqualTo("ERROR");
        assertThat(scan.getFailureMessage()).contains("gigachat.scan.since", "origin/nope");
        assertThat(warningsNg(ScanFixtures.error()).size()).isEqualTo(1);
    }

    @Test
    void aFindingThatDoesNotFailPassesAndSaysWhy() throws Exception {
        ScanResult result = ScanFixtures.result(
                List.of(ScanFixtures.finding(ScanFixtures.DEMO, KeyStatus.DEMO, false, ScanFixtures.places(7))));

        ReportTestSuite suite = surefire(result);

        assertThat(suite.getNumberOfTests()).isEqualTo(1);
        assertThat(suite.getNumberOfFailures()).isZero();
        assertThat(suite.getTestCases().get(0).getName())
                .isEqualTo("DEMO " + ScanFixtures.DEMO + " authorization-key a/f1.properties:1:1");
        String xml = Files.readString(directory.resolve(ScanReports.JUNIT_REPORT));
        assertThat(xml).contains("<system-out>a/f1.properties:1:1\n", "a/f7.properties:7:1\n");
        assertThat(warningsNg(result).size()).isZero();
    }

    private ReportTestSuite surefire(ScanResult result) throws Exception {
        ScanReports.write(directory, result);
        Path file = directory.resolve(ScanReports.JUNIT_REPORT);
        assertOnlyGivenFingerprints(Files.readString(file));
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(file.toString());
        assertThat(suites).hasSize(1);
        return suites.get(0);
    }

    private Report warningsNg(ScanResult result) throws Exception {
        ScanReports.write(directory, result);
        return new JUnitAdapter().parse(new FileReaderFactory(directory.resolve(ScanReports.JUNIT_REPORT)));
    }
}
