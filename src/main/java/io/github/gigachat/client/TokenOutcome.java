package io.github.gigachat.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What the OAuth endpoint said about one key, classified once for every goal: a token was issued (with the key's
 * scope), the key is not a key, it is unknown or revoked, it belongs to another scope than the configured one, or the
 * exchange could not finish. Holds no secret: {@link Issued} keeps the token, which never prints itself.
 */
public sealed interface TokenOutcome {

    /** A token was issued; {@link #scope()} is the key's own scope. */
    record Issued(AccessToken token) implements TokenOutcome {
        public Issued {
            Objects.requireNonNull(token, "token");
        }

        public Scope scope() {
            return token.scope();
        }
    }

    /** The server cannot decode the key (OAuth code 4): not an Authorization Key, though it looked like one. */
    record Malformed(ApiException cause) implements TokenOutcome {}

    /** The key is well-formed but unknown or revoked (OAuth code 6, or a 401 with the API's JSON body). */
    record Rejected(ApiException cause) implements TokenOutcome {}

    /**
     * The key is real but was refused for the configured scope (OAuth code 7). {@code actual} is the scope the key
     * does belong to, when one of the others issued a token; empty when every scope refused it.
     *
     * @param configured the scope asked for; null when every scope was tried ({@code auto}) and all refused
     */
    record WrongScope(Scope configured, Optional<Scope> actual, ApiException cause) implements TokenOutcome {
        public WrongScope {
            Objects.requireNonNull(actual, "actual");
        }
    }

    /**
     * The exchange could not finish or gave an answer that proves nothing about the key: network, TLS, timeout, 429
     * or 5xx after retries, a redirect, an unexpected status or body. {@code cause} says which.
     */
    record Transient(GigaChatException cause) implements TokenOutcome {
        public Transient {
            Objects.requireNonNull(cause, "cause");
        }

        /**
         * The server refused the client certificate (or its absence) in the TLS handshake, or a TLS proxy said so in
         * its page: nothing is known about the key, but the certificate is proven unusable for this server.
         */
        public boolean certificateRefused() {
            return (cause instanceof TlsException tls && tls.isClientCertificateRefused())
                    || (cause instanceof ApiException api && api.isClientCertificatePage());
        }
    }
}
