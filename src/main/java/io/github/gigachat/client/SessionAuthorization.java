package io.github.gigachat.client;

import java.util.Objects;

/**
 * How a {@link GigaChatSession} authorises its calls: the token to send now, and whether a refused one can be
 * replaced. One implementation per kind of {@link Credential}.
 */
interface SessionAuthorization {
    /** The scope the calls are made under; null when the credential does not say. */
    Scope scope();

    /** The token for the next call; null to send no Authorization header (the client certificate authenticates). */
    AccessToken current();

    /** After the API refused {@code refused} (401): whether a new token can be tried once. */
    boolean replace(AccessToken refused);

    /** An Authorization Key's tokens, from the build's broker, for the key's scope. */
    record KeyTokens(GigaChatClient client, TokenBroker broker, AuthorizationKey key, Scope scope)
            implements SessionAuthorization {
        public KeyTokens {
            Objects.requireNonNull(key);
            Objects.requireNonNull(scope);
        }

        @Override
        public AccessToken current() {
            return broker.token(client, key, scope, null);
        }

        @Override
        public boolean replace(AccessToken refused) {
            broker.token(client, key, scope, refused); // refused: replace it for everyone
            return true;
        }
    }

    /** Tokens from {@code {baseUrl}/token} for a user and password, from the build's broker. */
    record UserTokens(GigaChatClient client, TokenBroker broker, Credential.UserPassword user)
            implements SessionAuthorization {
        @Override
        public Scope scope() {
            return null;
        }

        @Override
        public AccessToken current() {
            return broker.userToken(client, user, null);
        }

        @Override
        public boolean replace(AccessToken refused) {
            broker.userToken(client, user, refused);
            return true;
        }
    }

    /** A token handed over as is: nothing can replace it when it is refused. */
    record GivenToken(AccessToken token) implements SessionAuthorization {
        @Override
        public Scope scope() {
            return null;
        }

        @Override
        public AccessToken current() {
            return token;
        }

        @Override
        public boolean replace(AccessToken refused) {
            return false;
        }
    }

    /** No Authorization header: the client certificate is the credential. */
    record CertificateOnly() implements SessionAuthorization {
        @Override
        public Scope scope() {
            return null;
        }

        @Override
        public AccessToken current() {
            return null;
        }

        @Override
        public boolean replace(AccessToken refused) {
            return false;
        }
    }
}
