package io.github.gigachat.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.client.CertificateSetting;
import io.github.gigachat.client.ClientCertificate;
import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.Credential;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.client.TestClientCertificates;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.GigaChatEmulator;
import io.github.gigachat.maven.HelpfulSuggestions;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier with each credential the official SDKs accept, against the emulator over real HTTP and mutual TLS:
 * which requests each makes, which outcome and checks it reaches, and that its secret never reaches the result.
 */
class VerifierCredentialsTest {
    private static final String PASSWORD = "demo-password";

    @TempDir
    static Path directory;

    private static TestClientCertificates certificates;
    private static TestClientCertificates.Client agent;

    private GigaChatEmulator emulator;
    private GigaChatClient client;
    private final SecretMasker masker = new SecretMasker();

    @BeforeAll
    static void certificates() throws Exception {
        certificates = TestClientCertificates.create(directory);
        agent = certificates.valid("build-agent");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        emulator.close();
    }

    private void plainEmulator() throws Exception {
        emulator = GigaChatEmulator.builder().demoAccounts().start();
        client = client(null);
    }

    private void mutualTlsEmulator(ClientCertificate presented) throws Exception {
        emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .https(certificates.serverKeyStore(), TestClientCertificates.SERVER_STORE_PASSWORD)
                .trustClientCa(certificates.ca())
                .clientCertificate(agent.certificate(), EmulatorAccount.DEMO_PERS_PAID)
                .requireClientCertificate(true)
                .start();
        client = client(presented);
    }

    private GigaChatClient client(ClientCertificate presented) throws Exception {
        ClientConfig.Builder config = ClientConfig.builder()
                .authUrl(emulator.authUrl())
                .baseUrl(emulator.baseUrl())
                .clientCertificate(presented)
                .sleeper(d -> {});
        if (emulator.isHttps()) {
            config.caBundleFile(certificates.caPem());
        }
        return GigaChatClient.create(config.build(), masker);
    }

    private VerifyResult verify(Credential credential, CertificateSetting certificate) {
        VerifyRequest request = new VerifyRequest(
                credential,
                "[help]",
                certificate,
                Duration.ofDays(30),
                null,
                List.of(),
                List.of("embeddings"),
                BigDecimal.ONE,
                false,
                "Embeddings");
        return new Verifier(client, masker, Clock.systemUTC(), true, new HelpfulSuggestions()).verify(request);
    }

    private static CertificateSetting loaded(TestClientCertificates.Client client) throws Exception {
        return new CertificateSetting.Loaded(
                "env:GIGACHAT_CERT_FILE",
                "the environment variable GIGACHAT_CERT_FILE",
                ClientCertificate.load(client.certPem(), client.keyPkcs8Pem(), null));
    }

    private static Credential.CertificateOnly only(CertificateSetting setting) {
        ClientCertificate certificate = ((CertificateSetting.Loaded) setting).certificate();
        return new Credential.CertificateOnly(setting.source(), setting.description(), certificate.fingerprint());
    }

    private static String statuses(VerifyResult result) {
        return String.join(
                " ",
                result.checks().stream().map(c -> c.name() + "=" + c.status()).toList());
    }

    @Test
    void aGivenTokenIsProvenByTheCallsWithoutAnyExchange() throws Exception {
        plainEmulator();
        String token = emulator.issueToken(EmulatorAccount.DEMO_PERS_PAID);

        VerifyResult result = verify(new Credential.Token("env:GIGACHAT_ACCESS_TOKEN", "the variable", token), null);

        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);
        assertThat(statuses(result)).isEqualTo("credentials=PASS token=SKIP models=PASS balance:embeddings=PASS");
        assertThat(result.credentialsSource()).isEqualTo("env:GIGACHAT_ACCESS_TOKEN");
        assertThat(result.keyFingerprint()).startsWith("sha256:").hasSize(19);
        assertThat(result.scope()).isNull();
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isZero();
        assertThat(emulator.stats().requests(Endpoint.TOKEN)).isZero();
        assertThat(result.toString() + result.checks()).doesNotContain(token);
    }

    @Test
    void anExpiredGivenTokenIsInvalidAndSaysTokensLiveThirtyMinutes() throws Exception {
        plainEmulator();
        String token = emulator.issueToken(EmulatorAccount.DEMO_PERS_PAID);
        emulator.expireAllTokens();

        VerifyResult result = verify(new Credential.Token("env:GIGACHAT_ACCESS_TOKEN", "the variable", token), null);

        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.summary()).contains("refused the access token", "30 minutes", "Authorization Key");
        assertThat(emulator.stats().requests(Endpoint.MODELS)).isEqualTo(1); // never retried: nothing can renew it
    }

    @Test
    void aUserIsExchangedOnceAtTokenAndProvenByTheCalls() throws Exception {
        plainEmulator();

        VerifyResult result = verify(
                new Credential.UserPassword("env:GIGACHAT_USER", "the variables", EmulatorAccount.DEMO_USER, PASSWORD),
                null);

        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);
        assertThat(statuses(result)).isEqualTo("credentials=PASS token=PASS models=PASS balance:embeddings=PASS");
        assertThat(emulator.stats().requests(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isZero();
        assertThat(result.toString() + result.checks()).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordIsInvalid() throws Exception {
        plainEmulator();

        VerifyResult result = verify(
                new Credential.UserPassword(
                        "env:GIGACHAT_USER", "the variables", EmulatorAccount.DEMO_USER, "wrong-one"),
                null);

        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(statuses(result)).isEqualTo("credentials=PASS token=FAIL");
        assertThat(result.summary()).contains("/token endpoint refused the user and password");
    }

    @Test
    void aCertificateAloneIsVerifiedOverMutualTls() throws Exception {
        CertificateSetting setting = loaded(agent);
        mutualTlsEmulator(((CertificateSetting.Loaded) setting).certificate());

        VerifyResult result = verify(only(setting), setting);

        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);
        assertThat(statuses(result))
                .isEqualTo("credentials=PASS client-certificate=PASS token=SKIP models=PASS balance:embeddings=PASS");
        assertThat(result.keyFingerprint())
                .isEqualTo(((CertificateSetting.Loaded) setting).certificate().fingerprint());
        assertThat(emulator.stats().clientCertificateRequests()).isEqualTo(2);
    }

    @Test
    void aCertificateExpiringWithinTheWindowWarnsAndPasses() throws Exception {
        var soon = certificates.expiringIn("soon", Duration.ofDays(10));
        CertificateSetting setting = loaded(soon);
        emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .https(certificates.serverKeyStore(), TestClientCertificates.SERVER_STORE_PASSWORD)
                .trustClientCa(certificates.ca())
                .clientCertificate(soon.certificate(), EmulatorAccount.DEMO_PERS_PAID)
                .start();
        client = client(((CertificateSetting.Loaded) setting).certificate());

        VerifyResult result = verify(only(setting), setting);

        assertThat(result.outcome()).isEqualTo(Outcome.VALID_PAID);
        Check check = result.checks().get(1);
        assertThat(check.status()).isEqualTo(Check.Status.WARN);
        assertThat(check.message()).contains("expires on", "in 9 days", "gigachat.certificateWarningDays=30");
    }

    @Test
    void anExpiredCertificateIsInvalidBeforeAnyRequest() throws Exception {
        CertificateSetting setting = loaded(certificates.expired("old"));
        mutualTlsEmulator(((CertificateSetting.Loaded) setting).certificate());

        VerifyResult result = verify(only(setting), setting);

        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(statuses(result)).isEqualTo("credentials=PASS client-certificate=FAIL");
        assertThat(result.summary()).contains("CN=old", "expired on", "valid from");
        assertThat(emulator.stats().requests(Endpoint.MODELS)).isZero();
        assertThat(emulator.stats().clientCertificateRequests()).isZero();
    }

    @Test
    void aCertificateTheServerRefusesIsInvalidNotUnknown() throws Exception {
        var stranger = certificates.foreignClient("stranger");
        CertificateSetting setting = loaded(stranger);
        mutualTlsEmulator(((CertificateSetting.Loaded) setting).certificate());

        VerifyResult result = verify(only(setting), setting);

        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.summary()).contains("refused the client certificate CN=stranger", "GIGACHAT_CERT_FILE");
    }

    @Test
    void aCertificateAloneAtAServerThatNeverAsksForOneProvesNothing() throws Exception {
        CertificateSetting setting = loaded(agent);
        emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .https(certificates.serverKeyStore(), TestClientCertificates.SERVER_STORE_PASSWORD)
                .start(); // HTTPS without client certificates, like Sber's public API
        client = client(((CertificateSetting.Loaded) setting).certificate());

        VerifyResult result = verify(only(setting), setting);

        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(result.summary()).contains("never asked for the client certificate", "base URL");
    }

    @Test
    void aKeyWithoutTheCertificateTheServerRequiresIsInvalidAtTheTokenStep() throws Exception {
        mutualTlsEmulator(null);

        VerifyResult result = verify(
                new Credential.Key(
                        "env:GIGACHAT_CREDENTIALS", "the variable", EmulatorAccount.DEMO_PERS_PAID.authorizationKey()),
                null);

        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(statuses(result)).isEqualTo("credentials=PASS key-format=PASS token=FAIL");
        assertThat(result.summary()).contains("requires a client certificate");
    }
}
