package io.github.gigachat.client;

import io.github.gigachat.io.Hashes;
import java.util.Objects;

/**
 * A GigaChat Authorization Key, {@code Base64(client_id ":" client_secret)}, that never prints itself.
 *
 * <p>Instances are created by {@link KeyFormat#check(String)}, which validates the format locally, or from a client
 * id and secret. {@link #toString()} and {@link #fingerprint()} are safe to log; {@link #value()} is not.
 */
public final class AuthorizationKey {
    private final String value;
    private final String clientId;
    private final String clientSecret;

    AuthorizationKey(String value, String clientId, String clientSecret) {
        this.value = Objects.requireNonNull(value);
        this.clientId = Objects.requireNonNull(clientId);
        this.clientSecret = Objects.requireNonNull(clientSecret);
    }

    /** Builds the key from a client id and client secret, validating both. */
    public static AuthorizationKey fromClientCredentials(String clientId, String clientSecret) {
        return KeyFormat.check(KeyFormat.compose(clientId, clientSecret)).key();
    }

    /** The encoded key, for the Authorization header only. */
    public String value() {
        return value;
    }

    /** The client id (a UUID); not a secret. */
    public String clientId() {
        return clientId;
    }

    /** The client secret: a secret, for masking only. */
    String clientSecret() {
        return clientSecret;
    }

    /** {@code sha256:<first 12 hex>} of the key: lets users tell keys apart without revealing them. */
    public String fingerprint() {
        return "sha256:" + Hashes.sha256Hex(value).substring(0, 12);
    }

    /** Registers the key and its secret with a masker, so that they never reach any output. */
    public void registerWith(SecretMasker masker) {
        masker.add(value);
        masker.add(clientSecret);
    }

    @Override
    public String toString() {
        return "AuthorizationKey[" + fingerprint() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthorizationKey other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
