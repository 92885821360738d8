package io.github.gigachat.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Asks a server, on a fresh connection, whether it refuses this client's certificate: completes a TLS handshake with
 * the client's own context and reads, sending nothing. A server that refuses the certificate says so with a fatal alert
 * right after the handshake (TLS 1.3) or during it (TLS 1.2); one that accepts it waits for a request, and the read
 * times out. Used only after a request failed on a connection to a server that asked for a certificate, so a
 * successful build never pays for it; never through a proxy. The server's name is verified as for a request, so the
 * certificate is shown to no one else.
 */
final class ClientCertificateProbe {
    /** Tries per probe: a server that closes right after its alert can win the race against reading it. */
    private static final int ATTEMPTS = 3;

    /** What a probe found. */
    record Finding(String alert, boolean accepted) {
        static final Finding UNDECIDED = new Finding(null, false);
        static final Finding ACCEPTED = new Finding(null, true);
    }

    private ClientCertificateProbe() {}

    /** The refusing alert, or that the server accepted the certificate, or neither when it could not tell. */
    static Finding probe(SSLContext context, String host, int port, Duration wait, boolean verifyName) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Finding finding = once(context, host, port, wait, verifyName);
            if (finding != Finding.UNDECIDED) {
                return finding;
            }
        }
        return Finding.UNDECIDED;
    }

    private static Finding once(SSLContext context, String host, int port, Duration wait, boolean verifyName) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.toMillis()));
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), millis);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                if (verifyName) {
                    SSLParameters parameters = tls.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(parameters);
                }
                tls.setSoTimeout(millis);
                tls.startHandshake();
                // a server that accepts waits for a request; one that speaks first was not refusing either
                return tls.getInputStream().read() < 0 ? Finding.UNDECIDED : Finding.ACCEPTED;
            }
        } catch (SocketTimeoutException e) {
            return Finding.ACCEPTED;
        } catch (EOFException e) {
            return Finding.UNDECIDED;
        } catch (IOException | RuntimeException e) {
            String alert = ClientCertificateAlerts.refusal(e);
            return alert == null ? Finding.UNDECIDED : new Finding(alert, false);
        }
    }
}
