package io.github.gigachat.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Asks a server, on a fresh connection, whether it refuses this client's certificate: completes a TLS handshake with
 * the client's own context and reads, sending nothing. A server that refuses the certificate says so with a fatal alert
 * right after the handshake (TLS 1.3) or during it (TLS 1.2); one that accepts it waits for a request, and the read
 * times out. Used only after a request failed on a connection to a server that asked for a certificate, so a
 * successful build never pays for it; never through a proxy.
 */
final class ClientCertificateProbe {
    private ClientCertificateProbe() {}

    /** The refusing alert's name, or null when the server did not refuse the certificate within {@code wait}. */
    static String alert(SSLContext context, String host, int port, Duration wait) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.toMillis()));
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), millis);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                tls.setSoTimeout(millis);
                tls.startHandshake();
                tls.getInputStream().read();
                return null; // the server spoke first without refusing: not a certificate problem
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return ClientCertificateAlerts.refusal(e);
        }
    }
}
