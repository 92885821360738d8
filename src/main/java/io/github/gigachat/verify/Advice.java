package io.github.gigachat.verify;

import io.github.gigachat.client.Scope;
import io.github.gigachat.client.TokenOutcome;
import java.math.BigDecimal;

/**
 * The sentences that tell a user what to do, supplied by whoever runs the verification: the core knows what went
 * wrong, the plugin knows which property, variable or {@code <server>} fixes it. Every method returns one or more
 * complete sentences, except where the javadoc says otherwise.
 */
public interface Advice {
    /** The key held in {@code credentialsDescription} is not a usable key: where and how to replace it. */
    String forCredentials(String credentialsDescription);

    /**
     * What the token exchange said, for every case but {@link TokenOutcome.Issued}: what is wrong, where the key came
     * from, and what to do.
     */
    String forTokenOutcome(TokenOutcome outcome, String credentialsDescription);

    /** The key's scope was found by trying each one: how to configure it and skip the discovery. */
    String forDiscoveredScope(Scope scope);

    /** Payment could not be proven from {@code /balance}: how to make the one real call that proves it. */
    String forProbe();

    /** A service is not paid for under {@code scope}: where to buy it, and how to let the build pass meanwhile. */
    String forPackage(String service, Scope scope);

    /** Not a sentence: the minimum balance as the user configured it, e.g. {@code gigachat.minBalance=1}. */
    String minimumBalanceSetting(BigDecimal minimum);

    /** Required models are missing: how to change the requirement. */
    String forRequiredModels();
}
