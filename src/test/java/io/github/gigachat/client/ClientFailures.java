package io.github.gigachat.client;

import javax.net.ssl.SSLHandshakeException;

/** Failures of the client as its transport raises them, for tests of the layers above. */
public final class ClientFailures {
    private ClientFailures() {}

    /** The server refused the client certificate with {@code alert}, as the JDK reports it. */
    public static TlsException certificateRefused(String alert) {
        SSLHandshakeException cause = new SSLHandshakeException("Received fatal alert: " + alert);
        return new TlsException(ClientCertificateAlerts.describe("gigachat.example", alert, null), false, alert, cause);
    }
}
