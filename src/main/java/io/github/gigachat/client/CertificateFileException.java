package io.github.gigachat.client;

/**
 * A client certificate or its key cannot be used: a missing or unreadable file, no certificate or key in it, a wrong
 * or missing passphrase, a key that does not belong to the certificate. The message names the file and what to do, and
 * never contains the key, the passphrase or file content.
 */
public final class CertificateFileException extends GigaChatException {
    private static final long serialVersionUID = 1L;

    public CertificateFileException(String message) {
        super(message);
    }

    CertificateFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
