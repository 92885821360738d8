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

    /**
     * An access token handed over (from {@code credentialsDescription}) was refused: tokens live 30 minutes, and what
     * a build should hold instead.
     */
    String forRefusedAccessToken(String credentialsDescription);

    /** The user and password from {@code credentialsDescription} were refused: where to fix them. */
    String forRefusedUser(String credentialsDescription);

    /**
     * The client certificate configured in {@code certificateDescription} cannot be used (unreadable, expired, not yet
     * valid, refused by the server): where to put a usable one.
     */
    String forCertificate(String certificateDescription);

    /** Not a sentence: the warning window as the user configured it, e.g. {@code gigachat.certificateWarningDays=30}. */
    String certificateWarningSetting(java.time.Duration warnWithin);
}
