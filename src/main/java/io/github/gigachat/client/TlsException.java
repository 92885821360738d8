package io.github.gigachat.client;

/**
 * The TLS handshake failed: most often because the server's chain is not trusted (PKIX), or because the server refused
 * the client certificate (or the lack of one) with a fatal alert.
 */
public final class TlsException extends GigaChatException {
    private static final long serialVersionUID = 1L;

    private final boolean untrustedChain;
    private final String refusedWithAlert;

    TlsException(String message, boolean untrustedChain, Throwable cause) {
        this(message, untrustedChain, null, cause);
    }

    TlsException(String message, boolean untrustedChain, String refusedWithAlert, Throwable cause) {
        super(message, cause);
        this.untrustedChain = untrustedChain;
        this.refusedWithAlert = refusedWithAlert;
    }

    /** The server's certificate chain does not end in a trusted CA. */
    public boolean isUntrustedChain() {
        return untrustedChain;
    }

    /**
     * The server refused this client's certificate, or its absence, with a fatal TLS alert such as {@code
     * certificate_required}, {@code bad_certificate} or {@code unknown_ca}: a fact about the credential, not the
     * network.
     */
    public boolean isClientCertificateRefused() {
        return refusedWithAlert != null;
    }

    /** The alert's name when {@link #isClientCertificateRefused()}, else null. */
    public String alert() {
        return refusedWithAlert;
    }
}
