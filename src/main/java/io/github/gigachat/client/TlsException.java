package io.github.gigachat.client;

/** The TLS handshake failed, most often because the server's chain is not trusted (PKIX). */
public final class TlsException extends GigaChatException {
    private static final long serialVersionUID = 1L;

    private final boolean untrustedChain;

    TlsException(String message, boolean untrustedChain, Throwable cause) {
        super(message, cause);
        this.untrustedChain = untrustedChain;
    }

    /** The server's certificate chain does not end in a trusted CA. */
    public boolean isUntrustedChain() {
        return untrustedChain;
    }
}
