package io.github.gigachat.emulator;

import static io.github.gigachat.emulator.EmulatorHttp.inputBody;
import static io.github.gigachat.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.security.cert.CertPathBuilderException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmulatorHttpsTest {
    private static SelfSignedCertificate certificate;

    @BeforeAll
    static void selfSignedCertificate() throws Exception {
        certificate = SelfSignedCertificate.generate();
    }

    private static SSLContext serverContext() throws Exception {
        return certificate.serverContext();
    }

    private static SSLContext clientContext() throws Exception {
        return certificate.clientContext();
    }

    @Test
    void servesTheWholeFlowOverHttpsToAClientThatTrustsTheCertificate() throws Exception {
        try (GigaChatEmulator emulator =
                GigaChatEmulator.builder().demoAccounts().https(serverContext()).start()) {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(clientContext())
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            EmulatorHttp http = new EmulatorHttp(emulator, client);

            assertThat(emulator.isHttps()).isTrue();
            assertThat(emulator.authUrl().toString())
                    .isEqualTo("https://127.0.0.1:" + emulator.port() + "/api/v2/oauth");
            assertThat(emulator.baseUrl().getScheme()).isEqualTo("https");
            String token = http.accessToken(EmulatorAccount.DEMO_B2B_PAID);
            assertThat(json(http.get("/models", token)).get("data").size()).isPositive();
            assertThat(http.post("/embeddings", token, inputBody("Embeddings", "over TLS"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(emulator.stats().embeddedTexts()).isEqualTo(1);
        }
    }

    @Test
    void aClientWithTheDefaultTrustStoreFailsTheHandshake() throws Exception {
        try (GigaChatEmulator emulator =
                GigaChatEmulator.builder().demoAccounts().https(serverContext()).start()) {
            EmulatorHttp http = new EmulatorHttp(emulator);

            assertThatThrownBy(() -> http.get("/models", null))
                    .hasCauseInstanceOf(SSLHandshakeException.class)
                    .hasRootCauseInstanceOf(CertPathBuilderException.class);
            assertThat(emulator.stats().totalRequests()).isZero();
        }
    }
}
