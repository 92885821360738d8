package io.github.gigachat.client;

import io.github.gigachat.io.Hashes;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.X509KeyManager;
import javax.security.auth.x500.X500Principal;

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

    private static final String[] CERTIFICATE_LABELS = {"CERTIFICATE", "X509 CERTIFICATE"};

    private final Path file;
    private final X509Certificate[] chain;
    private final PrivateKey key;
    private final String fingerprint;

    private ClientCertificate(Path file, X509Certificate[] chain, PrivateKey key) {
        this.file = file;
        this.chain = chain;
        this.key = key;
        this.fingerprint = fingerprintOf(file, chain[0]);
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
        Objects.requireNonNull(certFile, "certFile");
        PemFile certificates = PemFile.read(certFile, "client certificate", "GIGACHAT_CERT_FILE");
        if (Pkcs12File.isPkcs12(certFile, certificates.content)) {
            Pkcs12File.Entry entry = Pkcs12File.read(certFile, certificates.content, password);
            return withLeafFirst(certFile, certFile, List.of(entry.chain()), entry.key());
        }
        List<X509Certificate> chain = certificates(certificates);
        PemFile keys = keyFile == null || keyFile.equals(certFile)
                ? certificates
                : PemFile.read(keyFile, "private key", "GIGACHAT_KEY_FILE");
        return withLeafFirst(certFile, keys.file, chain, key(keys, keyFile == null, password));
    }

    private static List<X509Certificate> certificates(PemFile pem) {
        List<byte[]> encoded = new ArrayList<>();
        pem.blocks(CERTIFICATE_LABELS).forEach(block -> encoded.add(block.der()));
        if (encoded.isEmpty() && pem.isDer()) {
            encoded.add(pem.content);
        }
        if (encoded.isEmpty()) {
            boolean holdsKey = pem.blocks.stream().anyMatch(block -> PemKeys.isKeyLabel(block.label()));
            throw new CertificateFileException("The client certificate file " + pem.file + " holds no certificate"
                    + (holdsKey
                            ? " (it holds a private key: are GIGACHAT_CERT_FILE and GIGACHAT_KEY_FILE swapped?)"
                            : "")
                    + ". Point GIGACHAT_CERT_FILE at a PEM file with a '-----BEGIN CERTIFICATE-----' block, or at a"
                    + " PKCS#12 (.p12) file.");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : encoded) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new CertificateFileException(
                    "The client certificate file " + pem.file + " holds a certificate that cannot be parsed. Check it"
                            + " with 'openssl x509 -in " + pem.file + " -noout -subject -dates'.",
                    e);
        }
        return certificates;
    }

    private static PrivateKey key(PemFile pem, boolean sameFileAsCertificate, char[] password) {
        for (PemFile.Block block : pem.blocks) {
            if (PemKeys.isKeyLabel(block.label())) {
                return PemKeys.read(block, password, pem.file);
            }
        }
        if (!sameFileAsCertificate && pem.isDer()) {
            String label = PemKeys.labelOfDer(pem.content);
            if (!label.isEmpty()) {
                return PemKeys.read(new PemFile.Block(label, Map.of(), pem.content), password, pem.file);
            }
        }
        throw new CertificateFileException(
                sameFileAsCertificate
                        ? "The client certificate file " + pem.file + " holds no private key. Set GIGACHAT_KEY_FILE to"
                                + " the PEM file of the certificate's private key, or use a PKCS#12 file holding both."
                        : "The private key file " + pem.file + " holds no private key ('-----BEGIN PRIVATE KEY-----'"
                                + " or similar). Point GIGACHAT_KEY_FILE at the certificate's private key.");
    }

    /** Puts the certificate whose public key matches {@code key} first: files do not always list the leaf first. */
    private static ClientCertificate withLeafFirst(
            Path certFile, Path keyFile, List<X509Certificate> certificates, PrivateKey key) {
        for (X509Certificate candidate : certificates) {
            if (KeyPairCheck.matches(key, candidate.getPublicKey())) {
                List<X509Certificate> chain = new ArrayList<>(certificates);
                chain.remove(candidate);
                chain.add(0, candidate);
                return new ClientCertificate(certFile, chain.toArray(new X509Certificate[0]), key);
            }
        }
        X509Certificate first = certificates.get(0);
        String keyPlace =
                keyFile.equals(certFile) ? "The private key in " + certFile : "The private key file " + keyFile;
        throw new CertificateFileException(keyPlace + " does not belong to the certificate in " + certFile
                + " (subject " + subjectOf(first) + ", valid "
                + isoDate(first.getNotBefore().toInstant()) + " to "
                + isoDate(first.getNotAfter().toInstant()) + "). Point GIGACHAT_KEY_FILE at the key this certificate"
                + " was issued for, or GIGACHAT_CERT_FILE at this key's certificate.");
    }

    /** The leaf (the client's own) certificate. */
    public X509Certificate certificate() {
        return chain[0];
    }

    /** The file the certificate came from. */
    public Path certificateFile() {
        return file;
    }

    /** The leaf's subject, RFC 2253. */
    public String subject() {
        return subjectOf(chain[0]);
    }

    public Instant notBefore() {
        return chain[0].getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return chain[0].getNotAfter().toInstant();
    }

    /** {@code sha256:<first 12 hex>} of the leaf's DER encoding (the start of {@code openssl x509 -fingerprint -sha256}). */
    public String fingerprint() {
        return fingerprint;
    }

    /** Where the certificate stands at {@code now}: expired, not yet valid, valid but expiring within {@code warnWithin}. */
    public State state(Instant now, Duration warnWithin) {
        if (!now.isBefore(notAfter())) {
            return State.EXPIRED;
        }
        if (now.isBefore(notBefore())) {
            return State.NOT_YET_VALID;
        }
        return Duration.between(now, notAfter()).compareTo(warnWithin) <= 0 ? State.EXPIRES_SOON : State.VALID;
    }

    /** Whole days from {@code now} until {@link #notAfter()} (negative once expired). */
    public long daysLeft(Instant now) {
        return Math.floorDiv(
                Duration.between(now, notAfter()).getSeconds(),
                Duration.ofDays(1).getSeconds());
    }

    /** The key manager that presents this certificate (and its chain) and nothing else. */
    X509KeyManager keyManager() {
        return new SingleKeyManager(key, chain);
    }

    @Override
    public String toString() {
        return "ClientCertificate[" + file.getFileName() + ", " + subject() + ", " + fingerprint + "]";
    }

    private static String subjectOf(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    private static String isoDate(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String fingerprintOf(Path file, X509Certificate certificate) {
        try {
            byte[] digest = Hashes.sha256().digest(certificate.getEncoded());
            return "sha256:" + HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (CertificateEncodingException e) {
            throw new CertificateFileException("The certificate in " + file + " cannot be encoded again.", e);
        }
    }
}
