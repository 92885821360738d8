package io.github.gigachat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.client.TestClientCertificates.Client;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real handshakes against a server that requires a client certificate and trusts the test CA alone. */
class ClientCertificateTlsTest {
    private static final int TIMEOUT_MILLIS = 20_000;

    @TempDir
    static Path directory;

    private static TestClientCertificates certificates;
    private static Client rsa;
    private static Client ec;
    private static Client foreign;
    private static ExecutorService server;

    @BeforeAll
    static void generate() throws Exception {
        certificates = TestClientCertificates.create(directory);
        rsa = certificates.valid("tls-rsa");
        java.time.Instant now = java.time.Instant.now();
        ec = certificates.ecClient("tls-ec", now.minusSeconds(86_400), now.plusSeconds(86_400 * 30));
        foreign = certificates.foreignClient("tls-foreign");
        server = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stop() {
        server.shutdownNow();
    }

    /** What each side saw: the subject the server authenticated (or its failure), and the client's failure. */
    private record Handshake(String serverSawSubject, Throwable serverFailure, IOException clientFailure) {}

    private static Handshake handshake(ClientCertificate client, String protocol) throws Exception {
        SSLServerSocket listener = (SSLServerSocket) certificates
                .serverContext()
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        try (listener) {
            listener.setNeedClientAuth(true);
            listener.setEnabledProtocols(new String[] {protocol});
            Future<String> accepted = server.submit(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(TIMEOUT_MILLIS);
                    socket.startHandshake();
                    String subject = socket.getSession().getPeerPrincipal().getName();
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                    return subject;
                }
            });
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {client.keyManager()}, certificates.clientTrust(), null);
            IOException clientFailure = null;
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                // in TLS 1.3 the server judges the client's certificate after the client's handshake is done
                assertThat(socket.getInputStream().read()).isEqualTo(1);
            } catch (IOException e) {
                clientFailure = e;
            }
            try {
                return new Handshake(accepted.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), null, clientFailure);
            } catch (ExecutionException e) {
                return new Handshake(null, e.getCause(), clientFailure);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void theServerSeesTheClientsSubject(String protocol) throws Exception {
        for (Client client : new Client[] {rsa, ec}) {
            ClientCertificate loaded = ClientCertificate.load(
                    client.certPem(),
                    client.keyEncryptedPkcs8Pem("tls-passphrase".toCharArray()),
                    "tls-passphrase".toCharArray());
            Handshake handshake = handshake(loaded, protocol);
            assertThat(handshake.clientFailure()).isNull();
            assertThat(handshake.serverFailure()).isNull();
            assertThat(handshake.serverSawSubject()).isEqualTo(client.subject());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aPkcs12CertificateIsPresentedToo(String protocol) throws Exception {
        char[] password = "tls-password".toCharArray();
        Handshake handshake = handshake(ClientCertificate.load(rsa.pkcs12(password), null, password), protocol);
        assertThat(handshake.serverSawSubject()).isEqualTo(rsa.subject());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aCertificateFromAnotherCaIsPresentedAndRefused(String protocol) throws Exception {
        Handshake handshake =
                handshake(ClientCertificate.load(foreign.certPem(), foreign.keyPkcs8Pem(), null), protocol);
        assertThat(handshake.serverSawSubject()).isNull();
        // presented despite the server listing only its own CA, and refused because nobody trusts its issuer
        assertThat(handshake.serverFailure())
                .isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertPathBuilderException.class);
        // an alert or, when the server closes first, a broken pipe: either way the client cannot go on
        assertThat(handshake.clientFailure()).isNotNull();
    }
}
