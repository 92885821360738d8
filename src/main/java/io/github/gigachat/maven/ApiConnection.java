package io.github.gigachat.maven;

import io.github.gigachat.client.AccessToken;
import io.github.gigachat.client.ApiException;
import io.github.gigachat.client.AuthorizationKey;
import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.GigaChatException;
import io.github.gigachat.client.GigaChatSession;
import io.github.gigachat.client.InvalidKeyException;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.ScopeDiscovery;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * An authenticated API session for a goal that calls the API (not the checks of {@code verify}): the key checked
 * locally, its scope found, a token in hand. Against the built-in emulator when asked; closes what it opened.
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

    GigaChatClient client() {
        return client;
    }

    /** Connects to the built-in emulator with its demo key (a prepaid PERS account, unless scope says otherwise). */
    static ApiConnection toEmulator(SecretMasker masker, Scope scope, Consumer<String> warn)
            throws MojoExecutionException {
        GigaChatEmulator emulator;
        try {
            emulator = GigaChatEmulator.builder().demoAccounts().start();
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot start the GigaChat emulator on 127.0.0.1: " + e.getMessage(), e);
        }
        EmulatorAccount account = demoAccount(scope);
        ClientConfig config = ClientConfig.builder()
                .authUrl(emulator.authUrl())
                .baseUrl(emulator.baseUrl())
                .build();
        try {
            return connect(emulator, config, account.authorizationKey(), "the emulator's demo key", null, masker, warn);
        } catch (MojoExecutionException | RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /** The emulator's demo account of the configured scope (PERS for auto). */
    static EmulatorAccount demoAccount(Scope scope) {
        if (scope == Scope.B2B) {
            return EmulatorAccount.DEMO_B2B_PAID;
        }
        return scope == Scope.CORP ? EmulatorAccount.DEMO_CORP_POSTPAID : EmulatorAccount.DEMO_PERS_PAID;
    }

    /** Connects to the configured service with the key found in the environment or settings.xml. */
    static ApiConnection toService(
            ClientConfig config,
            MavenCredentials.Found credentials,
            Scope scope,
            SecretMasker masker,
            Consumer<String> warn)
            throws MojoExecutionException {
        if (credentials.raw() == null) {
            throw new MojoExecutionException("No GigaChat key found. " + credentials.missingHelp());
        }
        return connect(null, config, credentials.raw(), credentials.description(), scope, masker, warn);
    }

    private static ApiConnection connect(
            GigaChatEmulator emulator,
            ClientConfig config,
            String rawKey,
            String source,
            Scope scope,
            SecretMasker masker,
            Consumer<String> warn)
            throws MojoExecutionException {
        AuthorizationKey key;
        try {
            KeyFormat.Result checked = KeyFormat.check(rawKey);
            checked.warnings().forEach(w -> warn.accept("Key in " + source + ": " + w));
            key = checked.key();
        } catch (InvalidKeyException e) {
            throw new MojoExecutionException(e.getMessage() + " Fix the value in " + source + ".");
        }
        key.registerWith(masker);
        GigaChatClient client = GigaChatClient.create(config, masker);
        try {
            AccessToken token = ScopeDiscovery.token(client, key, scope);
            return new ApiConnection(
                    emulator, client, client.session(key, token.scope()).withToken(token), key.fingerprint());
        } catch (ApiException e) {
            String what =
                    switch (e.code().orElse(-1)) {
                        case 4 -> "cannot decode the key from " + source + ": it is not an Authorization Key";
                        case 6 -> "does not recognise the key from " + source + ": unknown or revoked";
                        case 7 ->
                            "says the key from " + source + " belongs to " + realScope(client, key) + ", not " + scope
                                    + "; set -Dgigachat.scope to the key's scope, or auto";
                        default -> e.isTransient() ? "is unavailable" : "refused the token request";
                    };
            client.close();
            throw new MojoExecutionException(masker.mask(
                    "GigaChat " + what + " (" + e.getMessage() + "). Run 'mvn gigachat:verify' for a full diagnosis."));
        } catch (GigaChatException e) {
            client.close();
            throw new MojoExecutionException(masker.mask("Cannot reach GigaChat: " + e.getMessage()));
        }
    }

    /** Names the scope a key belongs to, for the message about a wrong one (costs up to two token requests). */
    private static String realScope(GigaChatClient client, AuthorizationKey key) {
        try {
            return ScopeDiscovery.token(client, key, null).scope().wireName();
        } catch (GigaChatException e) {
            return "another scope";
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
