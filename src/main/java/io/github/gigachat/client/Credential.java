package io.github.gigachat.client;

import io.github.gigachat.io.Hashes;
import java.util.Objects;

/**
 * What a build authenticates its API calls with, as found (not yet checked): one of the four ways the official SDKs
 * authenticate. Every case knows where it came from ({@link #source()} for reports, {@link #description()} for people)
 * and prints no secret: {@code toString()} shows the kind and the source only.
 *
 * <p>A client certificate is not one of these: it is presented by the transport whenever one is configured (see
 * {@link ClientConfig.Builder#clientCertificate}); {@link CertificateOnly} says that it is the only credential.
 */
public sealed interface Credential {
    /** For reports, e.g. {@code env:GIGACHAT_CREDENTIALS} or {@code settings:gigachat}. */
    String source();

    /** For people, e.g. "the environment variable GIGACHAT_CREDENTIALS". */
    String description();

    /** The kind, for people: "Authorization Key", "access token", ... */
    String kind();

    /** Registers every secret of this credential with {@code masker}, before anything can print it. */
    void registerWith(SecretMasker masker);

    /** An Authorization Key, exchanged for tokens at the OAuth endpoint; {@code raw} is the text as found. */
    record Key(String source, String description, String raw) implements Credential {
        public Key {
            Objects.requireNonNull(raw, "raw");
        }

        @Override
        public String kind() {
            return "Authorization Key";
        }

        @Override
        public void registerWith(SecretMasker masker) {
            masker.add(raw.strip());
        }

        @Override
        public String toString() {
            return "Key[" + source + "]";
        }
    }

    /**
     * An access token used as is ({@code GIGACHAT_ACCESS_TOKEN}): no exchange, and no new one when it expires (tokens
     * live 30 minutes).
     */
    record Token(String source, String description, String value) implements Credential {
        public Token {
            Objects.requireNonNull(value, "value");
            value = value.strip();
        }

        @Override
        public String kind() {
            return "access token";
        }

        /** {@code sha256:<first 12 hex>} of the token. */
        public String fingerprint() {
            return "sha256:" + Hashes.sha256Hex(value).substring(0, 12);
        }

        @Override
        public void registerWith(SecretMasker masker) {
            masker.add(value);
        }

        @Override
        public String toString() {
            return "Token[" + source + "]";
        }
    }

    /** A user name and password, exchanged for tokens at {@code {baseUrl}/token} with HTTP Basic. */
    record UserPassword(String source, String description, String user, String password) implements Credential {
        public UserPassword {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String kind() {
            return "user and password";
        }

        /**
         * {@code sha256:<first 12 hex>} of the user name alone: it tells accounts apart, and unlike a hash of the
         * password it offers nothing to guess a password against.
         */
        public String fingerprint() {
            return "sha256:" + Hashes.sha256Hex(user).substring(0, 12);
        }

        @Override
        public void registerWith(SecretMasker masker) {
            masker.add(password);
            masker.add(java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "UserPassword[" + source + "]";
        }
    }

    /**
     * No Authorization header at all: the client certificate presented in the TLS handshake is the credential ({@code
     * fingerprint} is the certificate's, see {@link ClientCertificate#fingerprint()}).
     */
    record CertificateOnly(String source, String description, String fingerprint) implements Credential {
        public CertificateOnly {
            Objects.requireNonNull(fingerprint, "fingerprint");
        }

        @Override
        public String kind() {
            return "client certificate";
        }

        @Override
        public void registerWith(SecretMasker masker) {
            // the key and its passphrase never leave the loader
        }

        @Override
        public String toString() {
            return "CertificateOnly[" + source + "]";
        }
    }
}
