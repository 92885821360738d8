package io.github.gigachat.client;

import java.util.Objects;

/**
 * The client certificate a build is configured to present, as found: loaded, or unusable with the reason (a missing
 * file, a wrong passphrase, a key that does not match). Checked for its dates by whoever uses it, before any request.
 */
public sealed interface CertificateSetting {
    /** For reports, e.g. {@code env:GIGACHAT_CERT_FILE} or {@code settings:gigachat}. */
    String source();

    /** For people, e.g. "the environment variable GIGACHAT_CERT_FILE". */
    String description();

    /** The certificate and its key, ready to present. */
    record Loaded(String source, String description, ClientCertificate certificate) implements CertificateSetting {
        public Loaded {
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /** Configured, but it cannot be used; {@code problem} names the file and what to do, never a secret. */
    record Unusable(String source, String description, String problem) implements CertificateSetting {}
}
