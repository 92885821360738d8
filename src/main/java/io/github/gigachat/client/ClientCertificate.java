package io.github.gigachat.client;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.X509KeyManager;

/**
 * A client certificate and its private key, for mutual TLS with the GigaChat API host (the "B2Bank" installation
 * inside Sber's network). Loaded from a PEM certificate and a PEM key (plain or encrypted), from one PEM file holding
 * both, or from a PKCS#12 file. Never prints the key or the password; {@link #toString()} names the file, subject and
 * fingerprint only. Presented on the plugin's own connections only (see {@link ClientConfig.Builder}), never JVM-wide.
 */
public final class ClientCertificate {
    /** Where a certificate stands on a given day. */
    public enum State {
        VALID,
        EXPIRES_SOON,
        EXPIRED,
        NOT_YET_VALID
    }

    /**
     * Loads the certificate (chain) and its key.
     *
     * @param certFile a PEM file of the certificate (and its chain, and optionally the key), or a PKCS#12 file
     *     ({@code .p12}/{@code .pfx}, or recognised by content)
     * @param keyFile the PEM private key; null when {@code certFile} is PKCS#12 or holds the key itself
     * @param password the key's passphrase, or the PKCS#12 password; null or empty when there is none. Not kept.
     * @throws CertificateFileException naming the file and what to do: unreadable or missing file, no certificate, no
     *     key, an encrypted key without or with a wrong passphrase, a key that does not match the certificate (with the
     *     certificate's subject and dates)
     */
    public static ClientCertificate load(Path certFile, Path keyFile, char[] password) {
        throw new UnsupportedOperationException("implemented on branch wip-cert");
    }

    /** The leaf (the client's own) certificate. */
    public X509Certificate certificate() {
        throw new UnsupportedOperationException();
    }

    /** The file the certificate came from. */
    public Path certificateFile() {
        throw new UnsupportedOperationException();
    }

    /** The leaf's subject, RFC 2253. */
    public String subject() {
        throw new UnsupportedOperationException();
    }

    public Instant notBefore() {
        throw new UnsupportedOperationException();
    }

    public Instant notAfter() {
        throw new UnsupportedOperationException();
    }

    /** {@code sha256:<first 12 hex>} of the leaf's DER encoding (the start of {@code openssl x509 -fingerprint -sha256}). */
    public String fingerprint() {
        throw new UnsupportedOperationException();
    }

    /** Where the certificate stands at {@code now}: expired, not yet valid, valid but expiring within {@code warnWithin}. */
    public State state(Instant now, Duration warnWithin) {
        throw new UnsupportedOperationException();
    }

    /** Whole days from {@code now} until {@link #notAfter()} (negative once expired). */
    public long daysLeft(Instant now) {
        throw new UnsupportedOperationException();
    }

    /** The key manager that presents this certificate (and its chain) and nothing else. */
    X509KeyManager keyManager() {
        throw new UnsupportedOperationException();
    }
}
