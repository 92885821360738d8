package io.github.gigachat.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.Fault;
import io.github.gigachat.emulator.GigaChatEmulator;
import io.github.gigachat.io.Hashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code gigachat:verify} as Maven runs it: the mojo is looked up and configured by the plugin testing harness from
 * the real plugin descriptor (so parameter names, properties and defaults are the ones users get), then executed
 * against an in-process {@link GigaChatEmulator}.
 *
 * <p>Every test replaces the mojo's environment with its own map (so neither a developer's real key nor CI's
 * {@code GITHUB_STEP_SUMMARY} can leak in), writes its reports into its own temporary directory, and runs in a build
 * of its own: the harness gives each test a fresh {@link MavenExecutionRequest}, which is the key of the plugin's
 * per-build result cache; {@link #prepare} asserts that.
 */
@MojoTest
class VerifyMojoTest {
    private static final String POM = "src/test/resources/unit/basic/pom.xml";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every build request seen by any test of this class; identity, as the plugin's cache uses. */
    private static final Set<Object> REQUESTS_SEEN =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    @TempDir
    Path reports;

    /** Where a test keeps its settings-security.xml. */
    @TempDir
    Path securityHome;

    private GigaChatEmulator emulator;
    private final CapturingLog log = new CapturingLog();

    /** A personal key whose /balance answers 403 like a pay-as-you-go account's: that proves nothing for PERS. */
    private static final EmulatorAccount PERS_FORBIDDEN_BALANCE =
            EmulatorAccount.postpaid("11111111-2222-4333-8444-777777777777", "pers-403-secret-01", "GIGACHAT_API_PERS");

    @BeforeEach
    void startEmulator() throws IOException {
        emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .account(PERS_FORBIDDEN_BALANCE)
                .start();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    // ---------------------------------------------------------------------------------------------- 1. emulator

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    @MojoParameter(name = "emulator", value = "true")
    void emulatorModeIsValidPaidAndWritesBothReports(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of());

        mojo.execute();

        JsonNode report = jsonReport();
        assertThat(report.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(report.path("outcome").asText()).isEqualTo("VALID_PAID");
        assertThat(report.path("emulated").asBoolean()).isTrue();
        assertThat(report.path("credentialsSource").asText()).isEqualTo("emulator:demo");
        assertThat(report.path("scope").asText()).isEqualTo("GIGACHAT_API_PERS");
        assertThat(report.path("keyFingerprint").asText()).isEqualTo(fingerprint(EmulatorAccount.DEMO_PERS_PAID));
        assertThat(checkStatuses(report))
                .containsEntry("credentials", "PASS")
                .containsEntry("key-format", "PASS")
                .containsEntry("token", "PASS")
                .containsEntry("models", "PASS")
                .containsEntry("balance:embeddings", "PASS")
                .doesNotContainValue("FAIL");
        assertThat(report.path("balance").path("embeddings").asLong()).isEqualTo(1_000_000L);
        assertThat(report.path("models").isArray()).isTrue();
        assertThat(report.path("models")).isNotEmpty();

        Document junit = junitReport();
        Element suite = junit.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        NodeList testcases = suite.getElementsByTagName("testcase");
        assertThat(testcases.getLength()).isEqualTo(report.path("checks").size());
        assertThat(log.text()).contains("EMULATOR").contains("VALID_PAID [EMULATED]");
        // the built-in emulator was used, not the one this test started
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    // -------------------------------------------------------------------------------------------------- 2. skip

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    void skipReportsSkippedWithoutAnyRequest(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_PERS_PAID.authorizationKey()));
        pointAtEmulator(mojo);

        mojo.execute();

        JsonNode report = jsonReport();
        assertThat(report.path("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(checkStatuses(report)).containsEntry("verify", "SKIP");
        assertThat(Files.exists(reports.resolve("TEST-gigachat-verify.xml"))).isTrue();
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    // ----------------------------------------------------------------------------------- 3. key from environment

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void postpaidKeyFromEnvironmentPasses(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_CORP_POSTPAID.authorizationKey()));
        pointAtEmulator(mojo);

        mojo.execute();

        JsonNode report = jsonReport();
        assertThat(report.path("outcome").asText()).isEqualTo("VALID_POSTPAID");
        assertThat(report.path("credentialsSource").asText()).isEqualTo("env:GIGACHAT_CREDENTIALS");
        assertThat(report.path("scope").asText()).isEqualTo("GIGACHAT_API_CORP");
        assertThat(report.path("emulated").asBoolean()).isFalse();
        assertThat(checkStatuses(report)).containsEntry("token", "PASS").containsEntry("balance:embeddings", "WARN");
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isPositive();
        assertThat(emulator.stats().requests(Endpoint.BALANCE)).isEqualTo(1);
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void unpaidKeyFromEnvironmentFailsTheBuild(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_PERS_UNPAID.authorizationKey()));
        pointAtEmulator(mojo);

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("VALID_UNPAID")
                .hasMessageContaining("gigachat.failOnUnpaid=false");

        JsonNode report = jsonReport(); // written although the build fails
        assertThat(report.path("outcome").asText()).isEqualTo("VALID_UNPAID");
        assertThat(checkStatuses(report)).containsEntry("balance:embeddings", "FAIL");
        assertThat(report.path("raised").toString()).isEqualTo("[\"VALID_UNPAID\"]");
        assertThat(report.path("balance").path("embeddings").asLong()).isZero();
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    @MojoParameter(name = "failOnUnpaid", value = "false")
    void unpaidKeyPassesWhenFailOnUnpaidIsOff(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_PERS_UNPAID.authorizationKey()));
        pointAtEmulator(mojo);

        mojo.execute();

        assertThat(jsonReport().path("outcome").asText()).isEqualTo("VALID_UNPAID");
        assertThat(log.lines("WARN"))
                .anyMatch(l -> l.contains("VALID_UNPAID")
                        && l.contains("The build goes on because gigachat.failOnUnpaid=false"));
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    @MojoParameter(name = "credentialsEnv", value = "MY_GIGACHAT_KEY")
    void credentialsEnvNamesTheVariable(VerifyMojo mojo) throws Exception {
        prepare(
                mojo,
                Map.of(
                        "MY_GIGACHAT_KEY", EmulatorAccount.DEMO_B2B_PAID.authorizationKey(),
                        "GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_PERS_UNPAID.authorizationKey()));
        pointAtEmulator(mojo);

        mojo.execute();

        JsonNode report = jsonReport();
        assertThat(report.path("outcome").asText()).isEqualTo("VALID_PAID");
        assertThat(report.path("credentialsSource").asText()).isEqualTo("env:MY_GIGACHAT_KEY");
        assertThat(report.path("keyFingerprint").asText()).isEqualTo(fingerprint(EmulatorAccount.DEMO_B2B_PAID));
    }

    // ------------------------------------------------------------------------------------ 4. key from settings.xml

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void keyFromSettingsServerPassword(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of());
        pointAtEmulator(mojo);
        useSettings(mojo, server("gigachat", null, EmulatorAccount.DEMO_B2B_PAID.authorizationKey()));

        mojo.execute();

        JsonNode report = jsonReport();
        assertThat(report.path("outcome").asText()).isEqualTo("VALID_PAID");
        assertThat(report.path("credentialsSource").asText()).isEqualTo("settings:gigachat");
        assertThat(report.path("scope").asText()).isEqualTo("GIGACHAT_API_B2B");
        assertThat(report.path("keyFingerprint").asText()).isEqualTo(fingerprint(EmulatorAccount.DEMO_B2B_PAID));
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void keyComposedFromSettingsClientIdAndSecret(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of());
        pointAtEmulator(mojo);
        useSettings(mojo, server("gigachat", EmulatorAccount.DEMO_PERS_PAID_ID, EmulatorAccount.DEMO_PERS_PAID_SECRET));

        mojo.execute();

        JsonNode report = jsonReport();
        assertThat(report.path("outcome").asText()).isEqualTo("VALID_PAID");
        assertThat(report.path("credentialsSource").asText()).isEqualTo("settings:gigachat");
        assertThat(report.path("scope").asText()).isEqualTo("GIGACHAT_API_PERS");
        // the composed key is exactly the account's Authorization Key
        assertThat(report.path("keyFingerprint").asText()).isEqualTo(fingerprint(EmulatorAccount.DEMO_PERS_PAID));
        assertThat(emulator.issuedTokens()).isNotEmpty();
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    @MojoParameter(name = "serverId", value = "other-server")
    void serverIdSelectsTheServer(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of());
        pointAtEmulator(mojo);
        useSettings(
                mojo,
                server("gigachat", null, EmulatorAccount.DEMO_PERS_UNPAID.authorizationKey()),
                server("other-server", null, EmulatorAccount.DEMO_CORP_POSTPAID.authorizationKey()));

        mojo.execute();

        JsonNode report = jsonReport();
        assertThat(report.path("outcome").asText()).isEqualTo("VALID_POSTPAID");
        assertThat(report.path("credentialsSource").asText()).isEqualTo("settings:other-server");
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void environmentWinsOverSettings(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_B2B_PAID.authorizationKey()));
        pointAtEmulator(mojo);
        useSettings(mojo, server("gigachat", null, EmulatorAccount.DEMO_PERS_UNPAID.authorizationKey()));

        mojo.execute();

        JsonNode report = jsonReport();
        assertThat(report.path("outcome").asText()).isEqualTo("VALID_PAID");
        assertThat(report.path("credentialsSource").asText()).isEqualTo("env:GIGACHAT_CREDENTIALS");
        assertThat(report.path("keyFingerprint").asText()).isEqualTo(fingerprint(EmulatorAccount.DEMO_B2B_PAID));
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void encryptedSettingsPasswordIsDecrypted(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of());
        pointAtEmulator(mojo);
        // what 'mvn --encrypt-master-password' and 'mvn --encrypt-password' produce
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        String master = "test master password";
        Path security = securityHome.resolve("settings-security.xml");
        Files.writeString(
                security,
                "<settingsSecurity><master>" + cipher.encryptAndDecorate(master, "settings.security")
                        + "</master></settingsSecurity>\n");
        String encrypted = cipher.encryptAndDecorate(EmulatorAccount.DEMO_B2B_PAID.authorizationKey(), master);
        useSettings(mojo, server("gigachat", null, encrypted));

        withSystemProperty("settings.security", security.toString(), mojo::execute);

        JsonNode report = jsonReport();
        assertThat(report.path("outcome").asText()).isEqualTo("VALID_PAID");
        assertThat(report.path("credentialsSource").asText()).isEqualTo("settings:gigachat");
        assertThat(report.path("keyFingerprint").asText()).isEqualTo(fingerprint(EmulatorAccount.DEMO_B2B_PAID));
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void undecryptableSettingsPasswordIsAnErrorNotAFallback(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of());
        pointAtEmulator(mojo);
        String encrypted = new DefaultPlexusCipher()
                .encryptAndDecorate(EmulatorAccount.DEMO_B2B_PAID.authorizationKey(), "some master password");
        useSettings(mojo, server("gigachat", null, encrypted));
        String missing = securityHome.resolve("no-such-settings-security.xml").toString();

        Throwable thrown = withSystemProperty("settings.security", missing, () -> catchThrowable(mojo::execute));

        assertThat(thrown)
                .isExactlyInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("Cannot decrypt")
                .hasMessageContaining("gigachat")
                .hasMessageNotContaining(encrypted);
        assertThat(jsonReport().path("outcome").asText()).isNotIn("VALID_PAID", "VALID_POSTPAID", "VALID_UNPAID");
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    // ---------------------------------------------------------------------------------------------- 5. no key

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void noKeyAnywhereFailsWithHelp(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of());
        pointAtEmulator(mojo);
        useSettings(mojo, server("someone-else", null, EmulatorAccount.DEMO_PERS_PAID.authorizationKey()));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("INVALID")
                .hasMessageContaining("GIGACHAT_CREDENTIALS")
                .hasMessageContaining("<server>");

        JsonNode report = jsonReport();
        assertThat(report.path("outcome").asText()).isEqualTo("INVALID");
        assertThat(report.path("credentialsSource").isNull()).isTrue();
        assertThat(checkStatuses(report)).containsEntry("credentials", "FAIL");
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    // -------------------------------------------------------------------------------------------- 6. malformed key

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void malformedKeyIsRejectedBeforeAnyNetworkCall(VerifyMojo mojo) throws Exception {
        // a bare UUID: the client id pasted instead of the Authorization Key
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_PERS_PAID_ID));
        pointAtEmulator(mojo);

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("INVALID")
                .hasMessageContaining("bare UUID");

        JsonNode report = jsonReport();
        assertThat(report.path("outcome").asText()).isEqualTo("INVALID");
        assertThat(checkStatuses(report)).containsEntry("credentials", "PASS").containsEntry("key-format", "FAIL");
        // which stored credential is wrong: the fingerprint of the value as found
        assertThat(report.path("keyFingerprint").asText())
                .isEqualTo("sha256:"
                        + Hashes.sha256Hex(EmulatorAccount.DEMO_PERS_PAID_ID).substring(0, 12));
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isZero();
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    // ------------------------------------------------------------------------------------------------ 7. bad scope

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    @MojoParameter(name = "scope", value = "PERSONAL")
    void unknownScopeIsAConfigurationError(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_PERS_PAID.authorizationKey()));
        pointAtEmulator(mojo);

        Throwable thrown = catchThrowable(mojo::execute);

        assertThat(thrown)
                .isExactlyInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("gigachat.scope")
                .hasMessageContaining("PERSONAL");
        assertThat(jsonReport().path("outcome").asText()).isNotIn("VALID_PAID", "VALID_POSTPAID", "VALID_UNPAID");
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    @MojoParameter(name = "scope", value = "GIGACHAT_API_PERS")
    void keyOfAnotherScopeIsInvalid(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_B2B_PAID.authorizationKey()));
        pointAtEmulator(mojo);

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("INVALID")
                .hasMessageContaining("belongs to scope GIGACHAT_API_B2B")
                .hasMessageContaining("-Dgigachat.scope=GIGACHAT_API_B2B");
        assertThat(jsonReport().path("outcome").asText()).isEqualTo("INVALID");
        assertThat(jsonReport().path("scope").asText()).isEqualTo("GIGACHAT_API_B2B");
    }

    // ------------------------------------------------------------------------------ raised outcomes, never hidden

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void aPersonalKeyWhoseBalanceIsForbiddenFailsAsUnknownAndNamesTheProbe(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", PERS_FORBIDDEN_BALANCE.authorizationKey()));
        pointAtEmulator(mojo);

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("UNKNOWN")
                .hasMessageContaining("-Dgigachat.probe=true");
        assertThat(jsonReport().path("outcome").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    @MojoParameter(name = "failOnUnpaid", value = "false")
    void aToleratedUnpaidDoesNotHideAnUnknown(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_PERS_UNPAID.authorizationKey()));
        pointAtEmulator(mojo);
        emulator.injectFault(Fault.on(Endpoint.MODELS).times(10).status(500, "{\"status\":500,\"message\":\"oops\"}"));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("GigaChat key check: VALID_UNPAID.")
                .hasMessageContaining("Also UNKNOWN from models")
                .hasMessageContaining("gigachat.failOnUnknown=false");

        JsonNode report = jsonReport();
        assertThat(report.path("outcome").asText()).isEqualTo("VALID_UNPAID");
        assertThat(report.path("raised").toString()).isEqualTo("[\"VALID_UNPAID\",\"UNKNOWN\"]");
        assertThat(log.lines("WARN"))
                .anyMatch(l -> l.startsWith("[WARN] GigaChat key check: VALID_UNPAID (balance:embeddings)")
                        && l.endsWith("The build goes on because gigachat.failOnUnpaid=false."));
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    @MojoParameter(name = "failOnUnpaid", value = "false")
    @MojoParameter(name = "failOnUnknown", value = "false")
    void eachToleratedOutcomeIsAWarning(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_PERS_UNPAID.authorizationKey()));
        pointAtEmulator(mojo);
        emulator.injectFault(Fault.on(Endpoint.MODELS).times(10).status(500, "{\"status\":500,\"message\":\"oops\"}"));

        mojo.execute();

        assertThat(log.lines("WARN"))
                .anyMatch(l -> l.contains("VALID_UNPAID (balance:embeddings)") && l.contains("failOnUnpaid=false"))
                .anyMatch(l -> l.startsWith("[WARN] GigaChat key check: VALID_UNPAID, also UNKNOWN ("))
                .anyMatch(l -> l.contains("UNKNOWN (models)") && l.contains("failOnUnknown=false"));
    }

    // ------------------------------------------------------------------------------------------------ 8. canaries

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void noSecretReachesReportsOrLogOnSuccess(VerifyMojo mojo) throws Exception {
        EmulatorAccount account = EmulatorAccount.DEMO_PERS_PAID;
        prepare(mojo, Map.of());
        pointAtEmulator(mojo);
        useSettings(mojo, server("gigachat", account.clientId(), account.secret()));

        mojo.execute();

        assertThat(jsonReport().path("outcome").asText()).isEqualTo("VALID_PAID");
        assertNoSecretIn(outputs(null), account);
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void noSecretReachesReportsLogOrExceptionOnFailure(VerifyMojo mojo) throws Exception {
        EmulatorAccount account = EmulatorAccount.DEMO_PERS_UNPAID;
        // surrounding whitespace: the trimmed and the untrimmed key must both stay hidden
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", " " + account.authorizationKey() + "\n"));
        pointAtEmulator(mojo);

        Throwable thrown = catchThrowable(mojo::execute);

        assertThat(thrown).isInstanceOf(MojoFailureException.class).hasMessageContaining("VALID_UNPAID");
        assertThat(jsonReport().path("warnings").toString()).contains("trimmed");
        assertNoSecretIn(outputs(thrown), account);
    }

    // -------------------------------------------------------------------------------------------- per-build cache

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void secondModuleOfTheSameBuildReusesTheResult(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_B2B_PAID.authorizationKey()));
        pointAtEmulator(mojo);

        mojo.execute();
        int requestsAfterFirst = emulator.stats().totalRequests();
        assertThat(requestsAfterFirst).isPositive();

        mojo.execute(); // same MavenExecutionRequest: a later module of the same build

        assertThat(emulator.stats().totalRequests()).isEqualTo(requestsAfterFirst);
        assertThat(jsonReport().path("outcome").asText()).isEqualTo("VALID_PAID");
        assertThat(log.lines("INFO")).anyMatch(l -> l.contains("reused from an earlier module of this build"));
    }

    // --------------------------------------------------------------------------- offline, UNKNOWN, step summary

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void offlineBuildIsSkippedWithoutAnyRequest(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_PERS_PAID.authorizationKey()));
        pointAtEmulator(mojo);
        when(mojo.session.isOffline()).thenReturn(true);

        mojo.execute();

        assertThat(jsonReport().path("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void htmlInsteadOfTheBalanceIsUnknownAndFailsTheBuild(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_PERS_PAID.authorizationKey()));
        pointAtEmulator(mojo);
        emulator.injectFault(Fault.on(Endpoint.BALANCE).html().times(10));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("UNKNOWN");

        JsonNode report = jsonReport();
        assertThat(report.path("outcome").asText()).isEqualTo("UNKNOWN");
        assertThat(checkStatuses(report)).containsEntry("token", "PASS").containsEntry("balance:embeddings", "FAIL");
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    @MojoParameter(name = "failOnUnknown", value = "false")
    void unknownPassesWhenFailOnUnknownIsOff(VerifyMojo mojo) throws Exception {
        prepare(mojo, Map.of("GIGACHAT_CREDENTIALS", EmulatorAccount.DEMO_PERS_PAID.authorizationKey()));
        pointAtEmulator(mojo);
        emulator.injectFault(Fault.on(Endpoint.BALANCE).html().times(10));

        mojo.execute();

        assertThat(jsonReport().path("outcome").asText()).isEqualTo("UNKNOWN");
        assertThat(log.lines("WARN")).anyMatch(l -> l.contains("gigachat.failOnUnknown=false"));
    }

    @Test
    @InjectMojo(goal = "verify", pom = POM)
    void gitHubStepSummaryIsAppendedOncePerBuild(VerifyMojo mojo) throws Exception {
        Path summary = reports.resolve("step-summary.md");
        Files.writeString(summary, "earlier step\n");
        prepare(
                mojo,
                Map.of(
                        "GIGACHAT_CREDENTIALS",
                        EmulatorAccount.DEMO_PERS_PAID.authorizationKey(),
                        "GITHUB_STEP_SUMMARY",
                        summary.toString()));
        pointAtEmulator(mojo);

        mojo.execute();
        mojo.execute(); // a later module of the same build

        String markdown = Files.readString(summary);
        assertThat(markdown).startsWith("earlier step\n").contains("`VALID_PAID`");
        assertThat(markdown.split("### GigaChat key check", -1)).hasSize(2);
        assertThat(markdown).doesNotContain(EmulatorAccount.DEMO_PERS_PAID.authorizationKey());
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    /** Controls what the mojo sees of the outside world, and checks that this test has a build of its own. */
    private void prepare(VerifyMojo mojo, Map<String, String> environment) throws IllegalAccessException {
        MavenExecutionRequest request = mojo.session.getRequest();
        assertThat(request).as("the harness's build request").isNotNull();
        assertThat(REQUESTS_SEEN.add(request))
                .as("each test must run in a build (MavenExecutionRequest) of its own, or cached results leak")
                .isTrue();
        mojo.environment = new HashMap<>(environment);
        MojoExtension.setVariableValueToObject(mojo, "reportDirectory", reports.toFile());
        mojo.setLog(log);
    }

    private static <T> T withSystemProperty(String name, String value, Callable<T> action) throws Exception {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return action.call();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }

    private static void withSystemProperty(String name, String value, Executable action) throws Exception {
        withSystemProperty(name, value, () -> {
            action.execute();
            return null;
        });
    }

    /** What a test runs with a system property set. */
    interface Executable {
        void execute() throws Exception;
    }

    private void pointAtEmulator(VerifyMojo mojo) {
        mojo.authUrl = emulator.authUrl().toString();
        mojo.baseUrl = emulator.baseUrl().toString();
        mojo.timeout = 10;
    }

    private static void useSettings(VerifyMojo mojo, Server... servers) {
        Settings settings = new Settings();
        for (Server server : servers) {
            settings.addServer(server);
        }
        // the harness's MavenSession is a Mockito mock; it answers null for settings unless told otherwise
        when(mojo.session.getSettings()).thenReturn(settings);
    }

    private static Server server(String id, String username, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        return server;
    }

    private static String fingerprint(EmulatorAccount account) {
        return KeyFormat.check(account.authorizationKey()).key().fingerprint();
    }

    private JsonNode jsonReport() throws IOException {
        Path file = reports.resolve("verify-report.json");
        assertThat(file).exists();
        return JSON.readTree(file.toFile());
    }

    private Document junitReport() throws Exception {
        Path file = reports.resolve("TEST-gigachat-verify.xml");
        assertThat(file).exists();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Map<String, String> checkStatuses(JsonNode report) {
        Map<String, String> statuses = new HashMap<>();
        StreamSupport.stream(report.path("checks").spliterator(), false)
                .forEach(c ->
                        statuses.put(c.path("name").asText(), c.path("status").asText()));
        return statuses;
    }

    /** Everything the plugin wrote that a user or a CI system could see. */
    private Map<String, String> outputs(Throwable thrown) throws IOException {
        Map<String, String> outputs = new HashMap<>();
        try (var files = Files.list(reports)) {
            for (Path file : files.toList()) {
                outputs.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        assertThat(outputs).containsKeys("verify-report.json", "TEST-gigachat-verify.xml");
        outputs.put("log", log.text());
        if (thrown != null) {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                messages.append(t).append('\n');
            }
            outputs.put("exception", messages.toString());
        }
        return outputs;
    }

    private void assertNoSecretIn(Map<String, String> outputs, EmulatorAccount account) {
        List<String> secrets = new ArrayList<>();
        secrets.add(account.authorizationKey());
        secrets.add(account.secret());
        List<String> tokens = emulator.issuedTokens();
        assertThat(tokens).as("tokens issued by the emulator").isNotEmpty();
        secrets.addAll(tokens);
        // the canary must be able to fail: the client id is not a secret and does appear
        assertThat(outputs.get("verify-report.json")).contains(account.clientId());
        outputs.forEach((name, text) -> {
            for (String secret : secrets) {
                assertThat(text).as("%s must not contain a secret", name).doesNotContain(secret);
            }
        });
    }

    /** A build log that keeps every line, debug included (as under {@code mvn -X}). */
    static final class CapturingLog implements Log {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        String text() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        List<String> lines(String level) {
            synchronized (lines) {
                return lines.stream()
                        .filter(l -> l.startsWith("[" + level + "] "))
                        .toList();
            }
        }

        private void add(String level, CharSequence content, Throwable error) {
            lines.add("[" + level + "] " + content + (error == null ? "" : " " + error));
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public void debug(CharSequence content) {
            add("DEBUG", content, null);
        }

        @Override
        public void debug(CharSequence content, Throwable error) {
            add("DEBUG", content, error);
        }

        @Override
        public void debug(Throwable error) {
            add("DEBUG", "", error);
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public void info(CharSequence content) {
            add("INFO", content, null);
        }

        @Override
        public void info(CharSequence content, Throwable error) {
            add("INFO", content, error);
        }

        @Override
        public void info(Throwable error) {
            add("INFO", "", error);
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public void warn(CharSequence content) {
            add("WARN", content, null);
        }

        @Override
        public void warn(CharSequence content, Throwable error) {
            add("WARN", content, error);
        }

        @Override
        public void warn(Throwable error) {
            add("WARN", "", error);
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public void error(CharSequence content) {
            add("ERROR", content, null);
        }

        @Override
        public void error(CharSequence content, Throwable error) {
            add("ERROR", content, error);
        }

        @Override
        public void error(Throwable error) {
            add("ERROR", "", error);
        }
    }
}
