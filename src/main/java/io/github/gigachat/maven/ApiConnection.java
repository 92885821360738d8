package io.github.gigachat.maven;

import io.github.gigachat.client.AuthorizationKey;
import io.github.gigachat.client.CertificateSetting;
import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.Credential;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.GigaChatSession;
import io.github.gigachat.client.InvalidKeyException;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.TokenOutcome;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.GigaChatEmulator;
import io.github.gigachat.verify.CertificatePolicy;
import io.github.gigachat.verify.Check;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * An authenticated API session for a goal that calls the API (not the checks of {@code verify}, which report every
 * step): the key found and checked locally, a token from the build's shared {@link io.github.gigachat.client.TokenBroker}
 * (its scope found when {@code auto}), against Sber's service or the built-in emulator. Closes what it opened.
 */
final class ApiConnection implements AutoCloseable {
    private final GigaChatEmulator emulator;
    private final GigaChatClient client;
    private final GigaChatSession session;
    private final String keyFingerprint;

    private ApiConnection(
            GigaChatEmulator emulator, GigaChatClient client, GigaChatSession session, String keyFingerprint) {
        this.emulator = emulator;
        this.client = client;
        this.session = session;
        this.keyFingerprint = keyFingerprint;
    }

    /** Identifies the account's stream limit: the same endpoint, key and scope share one. */
    String streamsKey() {
        return client.config().baseUrl() + "|" + keyFingerprint + "|" + session.scope();
    }

    GigaChatSession session() {
        return session;
    }

    boolean emulated() {
        return emulator != null;
    }

    /** Connects as the mojo is configured: the emulator with its demo key, or the service with the key found. */
    static ApiConnection open(AbstractGigaChatMojo mojo) throws MojoExecutionException {
        Scope configured = mojo.scopeSetting();
        if (mojo.emulator) {
            GigaChatEmulator emulator = startEmulator();
            try {
                ClientConfig config = ClientConfig.builder()
                        .authUrl(emulator.authUrl())
                        .baseUrl(emulator.baseUrl())
                        .build();
                String key = demoAccount(configured).authorizationKey();
                Credential demo = new Credential.Key("emulator:demo", "the emulator's demo key", key);
                return connect(emulator, config, demo, configured, mojo);
            } catch (MojoExecutionException | RuntimeException e) {
                emulator.close();
                throw e;
            }
        }
        List<String> notes = new ArrayList<>();
        MavenCredentials.Resolved found = mojo.credentials(notes);
        checkCertificate(found.certificate(), mojo);
        if (found.credential() == null) {
            throw new MojoExecutionException("No GigaChat key found. " + found.missingHelp());
        }
        ClientConfig config = mojo.clientConfig(notes, found.certificate());
        notes.forEach(note -> mojo.log().info(note));
        if (mojo.insecure()) {
            mojo.warnInsecure();
        }
        return connect(null, config, found.credential(), configured, mojo);
    }

    /** A certificate that cannot be presented stops the goal before any request; one expiring soon is a warning. */
    private static void checkCertificate(CertificateSetting setting, AbstractGigaChatMojo mojo)
            throws MojoExecutionException {
        if (setting == null) {
            return;
        }
        Check check =
                CertificatePolicy.judge(setting, mojo.certificateWarning(), Instant.now(), new HelpfulSuggestions());
        if (check.status() == Check.Status.FAIL) {
            throw new MojoExecutionException(check.message());
        }
        if (check.status() == Check.Status.WARN) {
            mojo.log().warn(check.message());
        }
    }

    static GigaChatEmulator startEmulator() throws MojoExecutionException {
        try {
            return GigaChatEmulator.builder().demoAccounts().start();
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot start the GigaChat emulator on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** The emulator's demo account of the configured scope (PERS for auto). */
    static EmulatorAccount demoAccount(Scope scope) {
        if (scope == Scope.B2B) {
            return EmulatorAccount.DEMO_B2B_PAID;
        }
        return scope == Scope.CORP ? EmulatorAccount.DEMO_CORP_POSTPAID : EmulatorAccount.DEMO_PERS_PAID;
    }

    private static ApiConnection connect(
            GigaChatEmulator emulator,
            ClientConfig config,
            Credential credential,
            Scope configured,
            AbstractGigaChatMojo mojo)
            throws MojoExecutionException {
        credential.registerWith(mojo.masker);
        if (credential instanceof Credential.Key found) {
            return connectWithKey(emulator, config, found, configured, mojo);
        }
        GigaChatClient client = GigaChatClient.create(config, mojo.masker, mojo.tokenBroker());
        if (credential instanceof Credential.Token token) {
            return new ApiConnection(emulator, client, client.session(token), token.fingerprint());
        }
        if (credential instanceof Credential.CertificateOnly only) {
            return new ApiConnection(emulator, client, client.sessionWithoutToken(), only.fingerprint());
        }
        Credential.UserPassword user = (Credential.UserPassword) credential;
        TokenOutcome outcome = exchangeOrClose(client, () -> client.exchange(user));
        if (outcome instanceof TokenOutcome.Issued) {
            return new ApiConnection(emulator, client, client.session(user), user.fingerprint());
        }
        client.close();
        HelpfulSuggestions advice = new HelpfulSuggestions();
        String message = outcome instanceof TokenOutcome.Rejected rejected
                ? "The /token endpoint refused the user and password from " + user.description() + " ("
                        + rejected.cause().getMessage() + "). " + advice.forRefusedUser(user.description())
                : advice.forTokenOutcome(outcome, user.description());
        throw new MojoExecutionException(
                mojo.masker.mask(message + " Run 'mvn gigachat:verify' for a full diagnosis."));
    }

    private static ApiConnection connectWithKey(
            GigaChatEmulator emulator,
            ClientConfig config,
            Credential.Key found,
            Scope configured,
            AbstractGigaChatMojo mojo)
            throws MojoExecutionException {
        String source = found.description();
        AuthorizationKey key;
        try {
            KeyFormat.Result checked = KeyFormat.check(found.raw());
            checked.warnings().forEach(w -> mojo.log().warn("Key in " + source + ": " + w));
            key = checked.key();
        } catch (InvalidKeyException e) {
            throw new MojoExecutionException(e.getMessage() + " Fix the value in " + source + ".");
        }
        key.registerWith(mojo.masker);
        GigaChatClient client = GigaChatClient.create(config, mojo.masker, mojo.tokenBroker());
        TokenOutcome outcome = exchangeOrClose(client, () -> client.exchange(key, configured));
        if (outcome instanceof TokenOutcome.Issued issued) {
            return new ApiConnection(emulator, client, client.session(key, issued.scope()), key.fingerprint());
        }
        client.close();
        throw new MojoExecutionException(mojo.masker.mask(new HelpfulSuggestions().forTokenOutcome(outcome, source)
                + " Run 'mvn gigachat:verify' for a full diagnosis."));
    }

    /** The exchange; the client is closed if it throws (say, TLS cannot be set up), so nothing is left open. */
    private static TokenOutcome exchangeOrClose(
            GigaChatClient client, java.util.function.Supplier<TokenOutcome> exchange) {
        try {
            return exchange.get();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public void close() {
        client.close();
        if (emulator != null) {
            emulator.close();
        }
    }
}
