package io.github.gigachat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client certificate over real TLS: presented by this client alone, no Authorization header needed, and a server
 * refusing it (or its absence) is told apart from any other TLS failure.
 */
class MutualTlsTest {
    @TempDir
    Path directory;

    private TestClientCertificates certificates;
    private TestClientCertificates.Client agent;
    private GigaChatEmulator emulator;

    @BeforeEach
    void start() throws Exception {
        certificates = TestClientCertificates.create(directory);
        agent = certificates.valid("build-agent");
        emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .https(certificates.serverKeyStore(), TestClientCertificates.SERVER_STORE_PASSWORD)
                .trustClientCa(certificates.ca())
                .clientCertificate(agent.certificate(), EmulatorAccount.DEMO_PERS_PAID)
                .requireClientCertificate(true)
                .start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private GigaChatClient client(ClientCertificate certificate) throws Exception {
        return GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(emulator.authUrl())
                        .baseUrl(emulator.baseUrl())
                        .caBundleFile(certificates.caPem())
                        .clientCertificate(certificate)
                        .timeout(Duration.ofSeconds(5))
                        .sleeper(wait -> {})
                        .build(),
                new SecretMasker());
    }

    @Test
    void theCertificateAloneAuthenticatesTheCalls() throws Exception {
        ClientCertificate certificate = ClientCertificate.load(agent.certPem(), agent.keyPkcs8Pem(), null);
        try (GigaChatClient api = client(certificate)) {
            assertThat(api.sessionWithoutToken().models())
                    .extracting(ModelInfo::id)
                    .contains("Embeddings");
        }
        assertThat(emulator.stats().clientCertificateRequests()).isEqualTo(1);
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isZero();
    }

    @Test
    void aServerThatNeedsACertificateAndGetsNoneRefusesTheCredential() throws Exception {
        try (GigaChatClient api = client(null)) {
            GigaChatSession session = api.session(new Credential.Token("env:T", "env", "eyJ.eyJ.sig"));
            assertThatThrownBy(session::models).isInstanceOfSatisfying(TlsException.class, e -> {
                assertThat(e.isClientCertificateRefused()).as(e.getMessage()).isTrue();
                assertThat(e.getMessage()).contains("requires a client certificate", "GIGACHAT_CERT_FILE");
            });
        }
        assertThat(emulator.stats().requests(Endpoint.MODELS)).isZero();
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedNamingTheCertificate() throws Exception {
        var foreign = certificates.foreignClient("stranger");
        ClientCertificate certificate = ClientCertificate.load(foreign.certPem(), foreign.keyPkcs8Pem(), null);
        try (GigaChatClient api = client(certificate)) {
            assertThatThrownBy(() -> api.sessionWithoutToken().models())
                    .isInstanceOfSatisfying(TlsException.class, e -> {
                        assertThat(e.isClientCertificateRefused())
                                .as(e.getMessage())
                                .isTrue();
                        assertThat(e.getMessage())
                                .contains("refused the client certificate CN=stranger", certificate.fingerprint());
                    });
        }
        assertThat(emulator.stats().requests(Endpoint.MODELS)).isZero();
    }
}
