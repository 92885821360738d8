package io.github.gigachat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
    private static TestCertificates certificates;
    private static GigaChatEmulator emulator;
    private static final AuthorizationKey KEY =
            KeyFormat.check(EmulatorAccount.DEMO_PERS_PAID.authorizationKey()).key();

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.generate();
        emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .https(certificates.serverContext)
                .start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private GigaChatClient client(ClientConfig.Builder builder) {
        return GigaChatClient.create(
                builder.authUrl(emulator.authUrl())
                        .baseUrl(emulator.baseUrl())
                        .retryPolicy(RetryPolicy.NONE)
                        .build(),
                new SecretMasker());
    }

    @Test
    void theEmulatorReallyServesHttps() {
        assertThat(emulator.isHttps()).isTrue();
        assertThat(emulator.authUrl().getScheme()).isEqualTo("https");
    }

    @Test
    void rejectsAChainThatOnlyTheBundleTrustsWhenNoBundleIsGiven() {
        try (GigaChatClient client = client(ClientConfig.builder())) {
            assertThatThrownBy(() -> client.requestToken(KEY, Scope.PERS))
                    .isInstanceOfSatisfying(TlsException.class, e -> assertThat(e.isUntrustedChain())
                            .isTrue())
                    .hasMessageContaining("PKIX")
                    .hasMessageContaining("not trusted by this JVM")
                    .hasMessageNotContaining("gigachat."); // the mojo's words add the property
        }
    }

    @Test
    void trustsTheChainWithTheCaBundle() throws Exception {
        Path bundle = certificates.writeCaPem(temp);
        try (GigaChatClient client = client(ClientConfig.builder().caBundleFile(bundle))) {
            assertThat(client.exchange(KEY, Scope.PERS)).isInstanceOf(TokenOutcome.Issued.class);
            assertThat(client.session(KEY, Scope.PERS).models()).isNotEmpty();
        }
    }

    @Test
    void insecureModeSkipsVerification() {
        try (GigaChatClient client = client(ClientConfig.builder().insecure(true))) {
            assertThat(client.requestToken(KEY, Scope.PERS).scope()).isEqualTo(Scope.PERS);
        }
    }

    @Test
    void aBundleWithoutCertificatesIsAClearConfigurationError() throws Exception {
        Path bundle = Files.writeString(temp.resolve("empty.pem"), "not a certificate\n");
        assertThatThrownBy(() -> client(ClientConfig.builder().caBundleFile(bundle)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(bundle.toString())
                .hasMessageContaining("no PEM certificate");
    }

    @Test
    void adviceForGigaChatHostsNamesTheRussianTrustedRootCa() {
        assertThat(TlsAdvice.untrustedChain("ngw.devices.sberbank.ru"))
                .contains("Russian Trusted Root CA")
                .contains(TlsAdvice.RUSSIAN_ROOT_FINGERPRINT)
                .contains("https://www.gosuslugi.ru/crt")
                .doesNotContain("gigachat.");
        assertThat(TlsAdvice.untrustedChain("proxy.corp.example")).doesNotContain("Russian Trusted Root CA");
    }
}
