package io.github.gigachat.verify;

import io.github.gigachat.client.Balance;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.TokenOutcome;
import java.util.List;

/**
 * What one verification found out, as plain values for {@link VerifyPolicy} to judge. A step that was not reached is
 * null; the constructor refuses evidence that skips a step, so no verdict can rest on a step that never ran.
 *
 * @param models null unless a token was issued
 * @param balance null unless a token was issued
 * @param probe null unless a token was issued; {@link Probe#NOT_RUN} when no probe was made
 */
record Evidence(Key key, Token token, Models models, BalanceAnswer balance, Probe probe) {

    Evidence {
        if (key == null) {
            throw new IllegalArgumentException("the credentials step always runs");
        }
        if (key instanceof Key.WellFormed != (token != null)) {
            throw new IllegalArgumentException("a token step exactly when the key is well-formed");
        }
        boolean issued = token instanceof Token.Issued;
        if (issued != (models != null) || issued != (balance != null) || issued != (probe != null)) {
            throw new IllegalArgumentException("models, balance and probe steps exactly when a token was issued");
        }
    }

    /** What was found where the key should be. */
    sealed interface Key {
        /** No key anywhere. */
        record Missing() implements Key {}

        /** A value that fails the local format check; {@code fingerprint} is of the trimmed value as found. */
        record Malformed(String fingerprint, String problem) implements Key {}

        /** A well-formed Authorization Key. */
        record WellFormed(String fingerprint, String clientId) implements Key {}
    }

    /** The token exchange. */
    sealed interface Token {
        /** A token was issued for the key's own {@code scope}. */
        record Issued(Scope scope) implements Token {}

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
