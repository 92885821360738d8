package io.github.gigachat.emulator;

import static io.github.gigachat.emulator.EmulatorHttp.inputBody;
import static io.github.gigachat.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmulatorClientCertificateTest {
    private static final char[] KEYSTORE_PASSWORD = "emulator-keystore".toCharArray();
    private static final EmulatorAccount PERS = EmulatorAccount.DEMO_PERS_PAID;
    private static final Pattern RECEIVED_ALERT = Pattern.compile("Received fatal alert: (\\w+)");

    private static SelfSignedCertificate server;
    private static ClientCertificateAuthority ca;
    private static ClientCertificateAuthority otherCa;
    private static ClientCertificateAuthority.Client mapped;
    private static ClientCertificateAuthority.Client unmapped;
    private static ClientCertificateAuthority.Client stranger;

    @BeforeAll
    static void certificates() throws Exception {
        server = SelfSignedCertificate.generate();
        ca = ClientCertificateAuthority.generate("Emulator test client CA");
        otherCa = ClientCertificateAuthority.generate("Some other CA");
        mapped = ca.issue("build-agent-1");
        unmapped = ca.issue("build-agent-2");
        stranger = otherCa.issue("build-agent-1");
    }

    private static GigaChatEmulator.Builder mtls(boolean require) throws Exception {
        return GigaChatEmulator.builder()
                .demoAccounts()
                .https(server.keyStore(KEYSTORE_PASSWORD), KEYSTORE_PASSWORD)
                .trustClientCa(ca.certificate())
                .clientCertificate(mapped.certificate(), PERS)
                .requireClientCertificate(require);
    }

    private static EmulatorHttp http(GigaChatEmulator emulator, SSLContext context) {
        return new EmulatorHttp(
                emulator,
                HttpClient.newBuilder()
                        .sslContext(context)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build());
    }

    @Test
    void aMappedCertificateActsForItsAccountWithoutAnyAuthorizationHeader() throws Exception {
        try (GigaChatEmulator emulator = mtls(false).start()) {
            EmulatorHttp http = http(emulator, mapped.context(server));

            HttpResponse<String> models = http.get("/models", null);
            HttpResponse<String> embedded = http.post("/embeddings", null, inputBody("Embeddings", "mTLS"));

            assertThat(emulator.asksForClientCertificates()).isTrue();
            assertThat(models.statusCode()).isEqualTo(200);
            assertThat(json(models).get("data").size()).isEqualTo(PERS.models().size());
            assertThat(embedded.statusCode()).isEqualTo(200);
            assertThat(emulator.balance(PERS.clientId(), "embeddings"))
                    .isEqualTo(1_000_000L - GigaChatEmulator.billedTokens("mTLS"));
            assertThat(emulator.stats().clientCertificateRequests()).isEqualTo(2);
            assertThat(emulator.stats().requests(Endpoint.OAUTH)).isZero();
            assertThat(emulator.stats().requests(Endpoint.TOKEN)).isZero();
            assertThat(emulator.issuedTokens()).isEmpty();
        }
    }

    @Test
    void anAuthorizationHeaderStillDecidesWhenPresent() throws Exception {
        try (GigaChatEmulator emulator = mtls(false).start()) {
            EmulatorHttp http = http(emulator, mapped.context(server));
            String b2bToken = emulator.issueToken(EmulatorAccount.DEMO_B2B_PAID);

            assertThat(http.post("/embeddings", b2bToken, inputBody("Embeddings", "billed to B2B"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(emulator.balance(PERS.clientId(), "embeddings")).isEqualTo(1_000_000L);
            assertThat(emulator.balance(EmulatorAccount.DEMO_B2B_PAID.clientId(), "embeddings"))
                    .isEqualTo(5_000_000L - GigaChatEmulator.billedTokens("billed to B2B"));
            HttpResponse<String> badToken = http.get("/models", "not-a-token");
            assertThat(badToken.statusCode()).isEqualTo(401);
            assertThat(badToken.body()).isEqualTo("{\"status\":401,\"message\":\"Unauthorized\"}");
            assertThat(emulator.stats().clientCertificateRequests()).isZero();
        }
    }

    @Test
    void aTrustedButUnmappedCertificateOrNoneGetsInButNeedsAToken() throws Exception {
        try (GigaChatEmulator emulator = mtls(false).start()) {
            for (SSLContext context :
                    new SSLContext[] {unmapped.context(server), ClientCertificateAuthority.anonymousContext(server)}) {
                EmulatorHttp http = http(emulator, context);

                HttpResponse<String> anonymous = http.get("/models", null);
                assertThat(anonymous.statusCode()).isEqualTo(401);
                assertThat(anonymous.body()).isEqualTo("{\"status\":401,\"message\":\"Unauthorized\"}");
                assertThat(http.get("/models", emulator.issueToken(PERS)).statusCode())
                        .isEqualTo(200);
            }
            assertThat(emulator.stats().clientCertificateRequests()).isZero();
        }
    }

    @Test
    void theCertificateOfARevokedAccountGets401() throws Exception {
        try (GigaChatEmulator emulator = mtls(false).start()) {
            EmulatorHttp http = http(emulator, mapped.context(server));
            assertThat(http.get("/models", null).statusCode()).isEqualTo(200);

            emulator.addAccount(PERS.revoked());
            HttpResponse<String> revoked = http.get("/models", null);

            assertThat(revoked.statusCode()).isEqualTo(401);
            assertThat(revoked.body()).isEqualTo("{\"status\":401,\"message\":\"Unauthorized\"}");
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedInTheHandshake() throws Exception {
        try (GigaChatEmulator emulator = mtls(false).start()) {
            // the JDK's server (17 and 25) answers a certificate its trust managers reject with certificate_unknown
            assertThat(refusal(emulator, stranger.context(server), "TLSv1.3")).isEqualTo("certificate_unknown");
            assertThat(refusal(emulator, stranger.context(server), "TLSv1.2")).isEqualTo("certificate_unknown");
            assertThat(emulator.stats().totalRequests()).isZero();
        }
    }

    @Test
    void withRequireAClientWithoutCertificateIsRefusedInTheHandshake() throws Exception {
        try (GigaChatEmulator emulator = mtls(true).start()) {
            SSLContext anonymous = ClientCertificateAuthority.anonymousContext(server);

            // what the JDK's server sends changed between 17.0.15 and 25; TLS 1.3 defines certificate_required for this
            assertThatAlert(refusal(emulator, anonymous, "TLSv1.3"), "bad_certificate", "certificate_required");
            assertThatAlert(refusal(emulator, anonymous, "TLSv1.2"), "bad_certificate", "handshake_failure");
            assertThat(emulator.stats().totalRequests()).isZero();
            assertThat(http(emulator, mapped.context(server))
                            .get("/models", null)
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void clientCertificatesNeedATrustedCaAndAKeyStoreForHttps() throws Exception {
        assertThatThrownBy(() -> GigaChatEmulator.builder()
                        .trustClientCa(ca.certificate())
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("trustClientCa(..) needs HTTPS: call https(KeyStore, char[])");
        assertThatThrownBy(() -> GigaChatEmulator.builder()
                        .https(server.serverContext())
                        .trustClientCa(ca.certificate())
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("instead of https(SSLContext)");
        assertThatThrownBy(() -> GigaChatEmulator.builder()
                        .https(server.keyStore(KEYSTORE_PASSWORD), KEYSTORE_PASSWORD)
                        .clientCertificate(mapped.certificate(), PERS)
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("need trustClientCa(..)");
        assertThatThrownBy(() ->
                        GigaChatEmulator.builder().https(server.keyStore(KEYSTORE_PASSWORD), "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the emulator's key from the keystore with the given password")
                .hasMessageNotContaining("wrong")
                .hasMessageNotContaining(new String(KEYSTORE_PASSWORD));
    }

    @Test
    void httpsFromAKeyStoreWithoutClientCaAsksForNoCertificate() throws Exception {
        try (GigaChatEmulator emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .https(server.keyStore(KEYSTORE_PASSWORD), KEYSTORE_PASSWORD)
                .start()) {
            EmulatorHttp http = http(emulator, ClientCertificateAuthority.anonymousContext(server));

            assertThat(emulator.isHttps()).isTrue();
            assertThat(emulator.asksForClientCertificates()).isFalse();
            assertThat(http.get("/models", http.accessToken(PERS)).statusCode()).isEqualTo(200);
        }
    }

    /** Checks the alert against what the JDK running the emulator was seen to send: 17 or 25, either one between. */
    private static void assertThatAlert(String alert, String jdk17, String jdk25) {
        int jdk = Runtime.version().feature();
        if (jdk == 17) {
            assertThat(alert).isEqualTo(jdk17);
        } else if (jdk >= 25) {
            assertThat(alert).isEqualTo(jdk25);
        } else {
            assertThat(alert).isIn(jdk17, jdk25);
        }
    }

    /**
     * Connects with {@code protocol} only and returns the name of the fatal alert the client receives; fails when the
     * server lets it in (and then waits for a request). In TLS 1.3 the client's handshake ends before the server has
     * checked its certificate, so the alert arrives on the first read; the client sends nothing, because a write after
     * the server's alert can fail with a broken pipe instead.
     */
    private static String refusal(GigaChatEmulator emulator, SSLContext context, String protocol) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", emulator.port())) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setSoTimeout(5_000);
            try {
                socket.startHandshake();
                int read = socket.getInputStream().read();
                throw new AssertionError("expected a fatal alert, read " + read);
            } catch (SSLException e) {
                // "Received fatal alert: X" (JDK 17) or "(X) Received fatal alert: X" (JDK 25)
                Matcher alert = RECEIVED_ALERT.matcher(String.valueOf(e.getMessage()));
                assertThat(alert.find())
                        .as("a received alert in: %s", e.getMessage())
                        .isTrue();
                return alert.group(1);
            }
        }
    }
}
