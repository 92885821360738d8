package io.github.gigachat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client certificate over real TLS: presented by this client alone, no Authorization header needed, and a server
 * refusing it (or its absence) is told apart from any other TLS failure.
 */
class MutualTlsTest {
    private static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"Embeddings\",\"object\":\"model\","
            + "\"owned_by\":\"salutedevices\",\"type\":\"embedder\"}]}";

    @TempDir
    Path directory;

    private TestClientCertificates certificates;
    private HttpsServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        certificates = TestClientCertificates.create(directory);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificates.serverContext()) {
            @Override
            public void configure(HttpsParameters parameters) {
                var ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/api/v1/models", exchange -> {
            String subject;
            try {
                subject = ((X509Certificate)
                                ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
                        .getSubjectX500Principal()
                        .getName();
            } catch (SSLPeerUnverifiedException e) {
                subject = "none";
            }
            seen.add(subject + " authorization=" + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = MODELS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private GigaChatClient client(ClientCertificate certificate) throws Exception {
        URI base = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/api/v1");
        return GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(URI.create(base + "/oauth"))
                        .baseUrl(base)
                        .caBundleFile(certificates.caPem())
                        .clientCertificate(certificate)
                        .timeout(Duration.ofSeconds(5))
                        .sleeper(wait -> {})
                        .build(),
                new SecretMasker());
    }

    @Test
    void theCertificateAloneAuthenticatesTheCalls() throws Exception {
        var client = certificates.valid("build-agent");
        ClientCertificate certificate = ClientCertificate.load(client.certPem(), client.keyPkcs8Pem(), null);
        try (GigaChatClient api = client(certificate)) {
            assertThat(api.sessionWithoutToken().models())
                    .extracting(ModelInfo::id)
                    .containsExactly("Embeddings");
        }
        assertThat(seen)
                .singleElement()
                .asString()
                .startsWith("CN=build-agent,")
                .endsWith(" authorization=null");
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
        assertThat(seen).isEmpty();
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
        assertThat(seen).isEmpty();
    }
}
