package io.github.gigachat.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorMainTest {
    private static final String PASSWORD = "keystore-pw-3c1d";

    @TempDir
    Path dir;

    @Test
    void printsTheUrlsAndTheFourDemoKeysThatTheEmulatorAccepts() throws Exception {
        try (GigaChatEmulator emulator =
                GigaChatEmulator.builder().demoAccounts().start()) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            EmulatorMain.describe(emulator, new PrintStream(buffer, true, StandardCharsets.UTF_8));
            String printed = buffer.toString(StandardCharsets.UTF_8);

            assertThat(printed)
                    .contains(emulator.authUrl().toString())
                    .contains(emulator.baseUrl().toString())
                    .contains(EmulatorAccount.DEMO_PERS_PAID.authorizationKey())
                    .contains(EmulatorAccount.DEMO_B2B_PAID.authorizationKey())
                    .contains(EmulatorAccount.DEMO_CORP_POSTPAID.authorizationKey())
                    .contains(EmulatorAccount.DEMO_PERS_UNPAID.authorizationKey())
                    .contains("user=" + EmulatorAccount.DEMO_USER + " password=" + EmulatorAccount.DEMO_PASSWORD)
                    .contains("POST " + emulator.baseUrl() + "/token")
                    .doesNotContain("client certificates")
                    .doesNotContain(EmulatorAccount.DEMO_PERS_PAID.secret() + "\n");
            EmulatorHttp http = new EmulatorHttp(emulator);
            for (EmulatorAccount demo : new EmulatorAccount[] {
                EmulatorAccount.DEMO_PERS_PAID,
                EmulatorAccount.DEMO_B2B_PAID,
                EmulatorAccount.DEMO_CORP_POSTPAID,
                EmulatorAccount.DEMO_PERS_UNPAID
            }) {
                assertThat(http.token(demo.authorizationKey(), demo.scope()).statusCode())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void servesHttpsWithTheKeystoreGivenOnTheCommandLine() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate();
        Path keystore = dir.resolve("emulator.p12");
        certificate.writeKeyStore(keystore, PASSWORD.toCharArray());

        try (GigaChatEmulator emulator = EmulatorMain.start(
                List.of("0", "0", "--https", keystore.toString()),
                Map.of(EmulatorMain.KEYSTORE_PASSWORD_ENV, PASSWORD))) {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(certificate.clientContext())
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();

            assertThat(emulator.authUrl().getScheme()).isEqualTo("https");
            assertThat(new EmulatorHttp(emulator, client).accessToken(EmulatorAccount.DEMO_B2B_PAID))
                    .isNotEmpty();
        }
    }

    @Test
    void asksForClientCertificatesFromTheGivenCaAndMapsTheGivenOneToTheDemoAccount() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate();
        Path keystore = dir.resolve("emulator.p12");
        certificate.writeKeyStore(keystore, PASSWORD.toCharArray());
        ClientCertificateAuthority ca = ClientCertificateAuthority.generate("CLI test CA");
        ClientCertificateAuthority.Client client = ca.issue("cli-client");
        ClientCertificateAuthority.Client unmapped = ca.issue("cli-other");
        Path caPem = ClientCertificateAuthority.writePem(ca.certificate(), dir.resolve("ca.pem"));
        Path clientPem = ClientCertificateAuthority.writePem(client.certificate(), dir.resolve("client.pem"));

        try (GigaChatEmulator emulator = EmulatorMain.start(
                List.of(
                        "--https",
                        keystore.toString(),
                        "--client-ca",
                        caPem.toString(),
                        "--client-cert",
                        clientPem.toString()),
                Map.of(EmulatorMain.KEYSTORE_PASSWORD_ENV, PASSWORD))) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            EmulatorMain.describe(emulator, new PrintStream(buffer, true, StandardCharsets.UTF_8));
            HttpClient mapped = HttpClient.newBuilder()
                    .sslContext(client.context(certificate))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            HttpClient other = HttpClient.newBuilder()
                    .sslContext(unmapped.context(certificate))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();

            assertThat(emulator.asksForClientCertificates()).isTrue();
            assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("client certificates: asked for");
            assertThat(new EmulatorHttp(emulator, mapped).get("/models", null).statusCode())
                    .isEqualTo(200);
            assertThat(new EmulatorHttp(emulator, other).get("/models", null).statusCode())
                    .isEqualTo(401);
            assertThat(emulator.stats().clientCertificateRequests()).isEqualTo(1);
            assertThat(EmulatorMain.summary(emulator.stats()))
                    .contains("tokenRequests=0")
                    .contains("clientCertificateRequests=1");
        }
    }

    @Test
    void clientCertificateOptionsNeedHttpsAndACa() throws Exception {
        Path keystore = dir.resolve("emulator.p12");
        SelfSignedCertificate.generate().writeKeyStore(keystore, PASSWORD.toCharArray());
        ClientCertificateAuthority ca = ClientCertificateAuthority.generate("CLI test CA");
        Path caPem = ClientCertificateAuthority.writePem(ca.certificate(), dir.resolve("ca.pem"));
        Path notPem = Files.writeString(dir.resolve("not.pem"), "not a certificate");
        Map<String, String> env = Map.of(EmulatorMain.KEYSTORE_PASSWORD_ENV, PASSWORD);

        assertThatThrownBy(() -> EmulatorMain.start(List.of("--client-ca", caPem.toString()), env))
                .hasMessage("--client-ca needs --https: client certificates are asked for over TLS");
        assertThatThrownBy(() -> EmulatorMain.start(
                        List.of("--https", keystore.toString(), "--client-cert", caPem.toString()), env))
                .hasMessage("--client-cert needs --client-ca: the CA that issued the certificate");
        assertThatThrownBy(() -> EmulatorMain.start(List.of("--https", keystore.toString(), "--client-ca"), env))
                .hasMessage("--client-ca needs the path of a PEM file of CA certificates");
        assertThatThrownBy(() -> EmulatorMain.start(
                        List.of("--https", keystore.toString(), "--client-ca", notPem.toString()), env))
                .hasMessageStartingWith("--client-ca " + notPem + ": cannot read it as PEM certificates");
        assertThat(EmulatorMain.USAGE).contains("--client-ca <ca.pem>").contains("--client-cert <cert.pem>");
    }

    @Test
    void takesThePortAndTheLatencyPositionally() throws Exception {
        try (GigaChatEmulator emulator = EmulatorMain.start(List.of(), Map.of())) {
            assertThat(emulator.isHttps()).isFalse();
            assertThat(emulator.port()).isPositive();
        }
        assertThatThrownBy(() -> EmulatorMain.start(List.of("0", "soon"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latencyMillis must be a whole number of at least 0, not 'soon'");
        assertThatThrownBy(() -> EmulatorMain.start(List.of("http"), Map.of()))
                .hasMessage("port must be a whole number of at least 0, not 'http'");
        assertThatThrownBy(() -> EmulatorMain.start(List.of("--tls"), Map.of())).hasMessage("Unknown option --tls");
        assertThatThrownBy(() -> EmulatorMain.start(List.of("1", "2", "3"), Map.of()))
                .hasMessage("Too many arguments: [1, 2, 3]");
    }

    @Test
    void explainsAMissingPasswordOrAnUnreadableKeystoreWithoutPrintingThePassword() throws Exception {
        Path keystore = dir.resolve("emulator.p12");
        SelfSignedCertificate.generate().writeKeyStore(keystore, PASSWORD.toCharArray());

        assertThatThrownBy(() -> EmulatorMain.start(List.of("--https"), Map.of()))
                .hasMessage("--https needs the path of a PKCS#12 keystore");
        assertThatThrownBy(() -> EmulatorMain.start(List.of("--https", keystore.toString()), Map.of()))
                .hasMessage("--https " + keystore + ": set the keystore's password in the environment variable "
                        + EmulatorMain.KEYSTORE_PASSWORD_ENV);
        assertThatThrownBy(() -> EmulatorMain.start(
                        List.of("--https", keystore.toString()),
                        Map.of(EmulatorMain.KEYSTORE_PASSWORD_ENV, "wrong-" + PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--https " + keystore + ": cannot read it as a PKCS#12 keystore")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> EmulatorMain.start(
                        List.of("--https", dir.resolve("missing.p12").toString()),
                        Map.of(EmulatorMain.KEYSTORE_PASSWORD_ENV, PASSWORD)))
                .hasMessageContaining("missing.p12");
    }
}
