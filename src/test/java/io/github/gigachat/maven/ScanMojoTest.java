package io.github.gigachat.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.GigaChatEmulator;
import io.github.gigachat.scan.KeyFinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gigachat:scan} as Maven configures it (the real plugin descriptor), over a temporary directory that is not
 * inside any git repository, against an in-process emulator. What the invoker ITs cannot reach: no git at all, and
 * configuration errors that must name their property and still write the reports.
 */
@MojoTest
class ScanMojoTest {
    private static final String POM = "src/test/resources/unit/basic/pom.xml";
    private static final EmulatorAccount WORKING =
            EmulatorAccount.postpaid("4f3e2d1c-0b9a-4876-9543-210fedcba987", "scan-mojo-secret-77", "GIGACHAT_API_B2B");

    @TempDir
    Path tree;

    @TempDir
    Path reports;

    private GigaChatEmulator emulator;
    private final VerifyMojoTest.CapturingLog log = new VerifyMojoTest.CapturingLog();

    @BeforeEach
    void start() throws IOException {
        emulator = GigaChatEmulator.builder().demoAccounts().account(WORKING).start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void prepare(ScanMojo mojo) throws IllegalAccessException {
        mojo.environment = new HashMap<>(Map.of());
        mojo.reportDirectory = reports;
        mojo.authUrl = emulator.authUrl().toString();
        mojo.baseUrl = emulator.baseUrl().toString();
        mojo.timeout = 10;
        MojoExtension.setVariableValueToObject(mojo, "directory", tree.toString());
        mojo.setLog(log);
    }

    private JsonNode report() throws IOException {
        return new ObjectMapper().readTree(reports.resolve("scan-report.json").toFile());
    }

    private void write(String path, String text) throws IOException {
        Path file = tree.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    @InjectMojo(goal = "scan", pom = POM)
    void withoutGitEveryFileButMavenOutputIsScannedAndAWorkingKeyFails(ScanMojo mojo) throws Exception {
        prepare(mojo);
        write("pom.xml", "<project/>");
        write("src/main/resources/app.properties", "# ok\nkey=" + WORKING.authorizationKey() + "\n");
        write("target/classes/app.properties", "key=" + WORKING.authorizationKey() + "\n");
        write(
                "src/main/java/x/target/Config.java",
                "// gigachat:allow\nString k = \"" + WORKING.authorizationKey() + "\";\n");

        Throwable failure = catchThrowable(mojo::execute);

        assertThat(failure).isInstanceOf(MojoFailureException.class).hasMessageContaining("1 ACTIVE key");
        JsonNode report = report();
        assertThat(report.path("git").asBoolean()).isFalse();
        assertThat(report.path("findings")).hasSize(1);
        JsonNode finding = report.path("findings").get(0);
        assertThat(finding.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(finding.path("scope").asText()).isEqualTo("GIGACHAT_API_B2B");
        assertThat(finding.path("locations").findValuesAsText("path"))
                .containsExactly("src/main/java/x/target/Config.java", "src/main/resources/app.properties");
        assertThat(log.lines("ERROR"))
                .anySatisfy(line -> assertThat(line).contains("[ACTIVE]", "GIGACHAT_API_B2B"))
                .anySatisfy(line -> assertThat(line).contains("src/main/resources/app.properties:2:5"));
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isEqualTo(3);
        assertNoSecretAnywhere();
    }

    @Test
    @InjectMojo(goal = "scan", pom = POM)
    @MojoParameter(name = "history", value = "true")
    void historyWithoutGitIsAConfigurationErrorNamingTheProperty(ScanMojo mojo) throws Exception {
        prepare(mojo);
        write("a.txt", "nothing");

        Throwable failure = catchThrowable(mojo::execute);

        assertThat(failure).isInstanceOf(MojoExecutionException.class).hasMessageContaining("gigachat.scan.history");
        assertThat(report().path("outcome").asText()).isEqualTo("ERROR");
        assertThat(reports.resolve("scan-report.sarif")).isRegularFile();
        assertThat(reports.resolve("TEST-gigachat-scan.xml")).isRegularFile();
    }

    @Test
    @InjectMojo(goal = "scan", pom = POM)
    @MojoParameter(name = "history", value = "true")
    @MojoParameter(name = "since", value = "origin/no-such-branch")
    void anUnknownSinceRefNamesTheProperty(ScanMojo mojo) throws Exception {
        prepare(mojo);
        try (org.eclipse.jgit.api.Git git =
                org.eclipse.jgit.api.Git.init().setDirectory(tree.toFile()).call()) {
            write("a.txt", "nothing");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("one").setSign(false).call();
        }

        Throwable failure = catchThrowable(mojo::execute);

        assertThat(failure)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("gigachat.scan.since is 'origin/no-such-branch'");
        assertThat(report().path("error").asText()).contains("gigachat.scan.since");
    }

    @Test
    @InjectMojo(goal = "scan", pom = POM)
    @MojoParameter(name = "failOn", value = "ACTIVE,REVOKED")
    void anUnknownStatusInFailOnNamesTheProperty(ScanMojo mojo) throws Exception {
        prepare(mojo);

        Throwable failure = catchThrowable(mojo::execute);

        assertThat(failure)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("gigachat.scan.failOn names 'REVOKED'");
        assertThat(report().path("outcome").asText()).isEqualTo("ERROR");
    }

    @Test
    @InjectMojo(goal = "scan", pom = POM)
    void aMissingConfiguredBaselineNamesTheProperty(ScanMojo mojo) throws Exception {
        prepare(mojo);
        MojoExtension.setVariableValueToObject(
                mojo, "baseline", tree.resolve("no-such-baseline.json").toString());

        Throwable failure = catchThrowable(mojo::execute);

        assertThat(failure).isInstanceOf(MojoExecutionException.class).hasMessageContaining("gigachat.scan.baseline");
    }

    @Test
    @InjectMojo(goal = "scan", pom = POM)
    @MojoParameter(name = "emulator", value = "true")
    void theEmulatorCannotVouchForARealKey(ScanMojo mojo) throws Exception {
        prepare(mojo);
        write("a.env", "A=" + WORKING.authorizationKey() + "\nB=" + EmulatorAccount.DEMO_B2B_PAID.authorizationKey());

        Throwable failure = catchThrowable(mojo::execute);

        assertThat(failure).isInstanceOf(MojoFailureException.class).hasMessageContaining("1 UNVERIFIED key");
        assertThat(report().path("findings").findValuesAsText("status")).containsExactly("UNVERIFIED", "DEMO");
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isZero();
    }

    @Test
    @InjectMojo(goal = "scan", pom = POM)
    @MojoParameter(name = "scanSkip", value = "true")
    void skipScansNothing(ScanMojo mojo) throws Exception {
        prepare(mojo);
        write("a.env", "A=" + WORKING.authorizationKey());

        mojo.execute();

        assertThat(reports.resolve("scan-report.json")).doesNotExist();
        assertThat(log.text()).contains("skipped (gigachat.scan.skip=true)");
    }

    @Test
    @InjectMojo(goal = "scan", pom = POM)
    @MojoParameter(name = "writeBaseline", value = "true")
    @MojoParameter(name = "verify", value = "false")
    void writeBaselineAcceptsWhatDoesNotWorkAndReplacesABrokenBaseline(ScanMojo mojo) throws Exception {
        prepare(mojo);
        write("a.env", "A=" + WORKING.authorizationKey());
        write(".gigachat-scan-baseline.json", "{ broken by a bad merge");

        mojo.execute();

        Path baseline = tree.resolve(".gigachat-scan-baseline.json");
        assertThat(Files.readString(baseline))
                .contains(KeyFinding.fingerprintOf(WORKING.authorizationKey()))
                .doesNotContain(WORKING.authorizationKey());
        assertThat(report().path("findings").get(0).path("baselined").asBoolean())
                .isTrue();
        assertNoSecretAnywhere();
    }

    /** Neither the log (debug included) nor any report holds the key, its secret, or a token. */
    private void assertNoSecretAnywhere() throws IOException {
        List<String> secrets = new java.util.ArrayList<>(List.of(
                WORKING.authorizationKey(),
                WORKING.secret(),
                WORKING.authorizationKey().substring(0, 20)));
        secrets.addAll(emulator.issuedTokens());
        Map<String, String> outputs = new HashMap<>();
        outputs.put("log", log.text());
        try (var files = Files.list(reports)) {
            for (Path file : files.toList()) {
                outputs.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        assertThat(outputs).containsKey("scan-report.sarif");
        outputs.forEach((name, text) -> secrets.forEach(
                secret -> assertThat(text).as("%s must hold no secret", name).doesNotContain(secret)));
    }
}
