package io.github.gigachat.verify;

import io.github.gigachat.client.Balance;
import io.github.gigachat.client.ClientCertificate;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.TokenOutcome;
import java.time.Instant;
import java.util.List;

/**
 * What one verification found out, as plain values for {@link VerifyPolicy} to judge. A step that was not reached is
 * null; the constructor refuses evidence that skips a step, so no verdict can rest on a step that never ran.
 *
 * @param certificate null when no client certificate is configured
 * @param token null unless the credential is usable and the certificate (if any) is within its dates
 * @param models null unless the calls could be made (a token was issued, or none is needed)
 * @param balance null unless the calls could be made
 * @param probe null unless the calls could be made; {@link Probe#NOT_RUN} when no probe was made
 */
record Evidence(Key key, Certificate certificate, Token token, Models models, BalanceAnswer balance, Probe probe) {

    Evidence {
        if (key == null) {
            throw new IllegalArgumentException("the credentials step always runs");
        }
        boolean usable = key.usable() && (certificate == null || certificate.usable());
        if (usable != (token != null)) {
            throw new IllegalArgumentException("a token step exactly when the credential and certificate are usable");
        }
        boolean calls = token instanceof Token.Issued || token instanceof Token.NotExchanged;
        if (calls != (models != null) || calls != (balance != null) || calls != (probe != null)) {
            throw new IllegalArgumentException("models, balance and probe steps exactly when the calls could be made");
        }
    }

    /** The Authorization Key steps only, as before client certificates: no certificate configured. */
    Evidence(Key key, Token token, Models models, BalanceAnswer balance, Probe probe) {
        this(key, null, token, models, balance, probe);
    }

    /** What was found where the credential should be. */
    sealed interface Key {
        /** Whether the calls can be attempted with it. */
        default boolean usable() {
            return !(this instanceof Missing) && !(this instanceof Malformed);
        }

        /** {@code sha256:<first 12 hex>} identifying the credential; null when there is none. */
        default String fingerprint() {
            return null;
        }

        /** No credential anywhere. */
        record Missing() implements Key {}

        /** A value that fails the local format check; {@code fingerprint} is of the trimmed value as found. */
        record Malformed(String fingerprint, String problem) implements Key {}

        /** A well-formed Authorization Key. */
        record WellFormed(String fingerprint, String clientId) implements Key {}

        /** An access token handed over, used as is. */
        record GivenToken(String fingerprint) implements Key {}

        /** A user name and password for {@code /token}; {@code fingerprint} is of the user name. */
        record User(String fingerprint, String user) implements Key {}

        /** No Authorization header: the client certificate (with this fingerprint) authenticates. */
        record CertificateOnly(String fingerprint) implements Key {}
    }

    /** The client certificate configured to be presented, checked locally before any network call. */
    sealed interface Certificate {
        /** Whether it can be presented: loaded, and within its dates. */
        default boolean usable() {
            return this instanceof Loaded loaded
                    && (loaded.state() == ClientCertificate.State.VALID
                            || loaded.state() == ClientCertificate.State.EXPIRES_SOON);
        }

        /** Loaded; {@code state} and {@code daysLeft} as of the verification. */
        record Loaded(
                String file,
                String subject,
                String fingerprint,
                Instant notBefore,
                Instant notAfter,
                ClientCertificate.State state,
                long daysLeft)
                implements Certificate {}

        /** Configured but unusable: missing or unreadable file, wrong passphrase, a key that does not match. */
        record Unusable(String problem) implements Certificate {}
    }

    /** The token exchange. */
    sealed interface Token {
        /** A token was issued; {@code scope} is the key's own, or null when the credential does not tell it. */
        record Issued(Scope scope) implements Token {}

        /** No exchange is needed: a token handed over, or a client certificate alone. */
        record NotExchanged() implements Token {}

        /** Anything but a token; {@code outcome} is never {@link TokenOutcome.Issued}. */
        record Refused(TokenOutcome outcome) implements Token {
            public Refused {
                if (outcome instanceof TokenOutcome.Issued) {
                    throw new IllegalArgumentException("an issued token is not a refusal");
                }
            }
        }
    }

    /** {@code GET /models}. */
    sealed interface Models {
        /** A well-shaped answer: the model ids, possibly none. */
        record Listed(List<String> ids) implements Models {
            public Listed {
                ids = List.copyOf(ids);
            }
        }

        /** No usable answer; {@code problem} says what came instead. */
        record Unreadable(String problem) implements Models {}

        /**
         * The credential itself was refused: a 401 in the API's JSON form for a credential that cannot be renewed (a
         * token handed over, a certificate alone), or the server refusing the client certificate in the TLS handshake
         * ({@code certificate} true).
         */
        record Refused(String problem, boolean certificate) implements Models {}
    }

    /** {@code GET /balance}. */
    sealed interface BalanceAnswer {
        /** A well-shaped list of packages, possibly empty. */
        record Read(Balance balance) implements BalanceAnswer {}

        /** 403 with the API's own JSON error body: what pay-as-you-go accounts get (and perhaps others). */
        record Forbidden(String problem) implements BalanceAnswer {}

        /** 402 with the API's own JSON error body. */
        record PaymentRequired(String problem) implements BalanceAnswer {}

        /** Anything else: a network failure, 5xx, an HTML page (a proxy's 403 too), an odd body. */
        record Unreadable(String problem) implements BalanceAnswer {}
    }

    /** The probe: one real {@code POST /embeddings} call. */
    sealed interface Probe {
        Probe NOT_RUN = new NotRun();
        Probe SUCCEEDED = new Succeeded();

        /** No probe was made ({@code probe=false}, or no service that can be probed). */
        record NotRun() implements Probe {}

        /** The call returned embeddings: the service is paid for. */
        record Succeeded() implements Probe {}

        /** 402 with the API's own JSON error body: definitively not paid for. */
        record PaymentRequired(String problem) implements Probe {}

        /** Anything else; proves nothing. */
        record Failed(String problem) implements Probe {}
    }
}
