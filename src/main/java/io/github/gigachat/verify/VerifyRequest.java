package io.github.gigachat.verify;

import io.github.gigachat.client.Scope;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What to verify: the credentials as found (raw, not yet checked), the scope policy and the paid-status policy.
 *
 * @param credentialsSource where the key came from, e.g. {@code env:GIGACHAT_CREDENTIALS}; null when none was found
 * @param credentialsDescription the same for people, e.g. "the environment variable GIGACHAT_CREDENTIALS"
 * @param rawKey the key text as found; null when none was found
 * @param missingCredentialsHelp what to tell the user when no key was found
 * @param scope the configured scope, or null for {@code auto}
 */
public record VerifyRequest(
        String credentialsSource,
        String credentialsDescription,
        String rawKey,
        String missingCredentialsHelp,
        Scope scope,
        List<String> requiredModels,
        List<String> services,
        BigDecimal minBalance,
        boolean probe,
        String probeModel) {

    public VerifyRequest {
        requiredModels = List.copyOf(requiredModels);
        services = List.copyOf(services);
        Objects.requireNonNull(minBalance, "minBalance");
        Objects.requireNonNull(probeModel, "probeModel");
    }

    @Override
    public String toString() {
        // rawKey deliberately absent
        return "VerifyRequest[source=" + credentialsSource + ", scope=" + (scope == null ? "auto" : scope)
                + ", requiredModels=" + requiredModels + ", services=" + services + ", minBalance=" + minBalance
                + ", probe=" + probe + ", probeModel=" + probeModel + "]";
    }
}
