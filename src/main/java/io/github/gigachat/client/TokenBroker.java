package io.github.gigachat.client;

import io.github.gigachat.io.Hashes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one place tokens come from, shared by every goal and module of a build: exchanges a key once per scope, keeps the
 * token until it nears expiry, and classifies every answer of the OAuth endpoint as a {@link TokenOutcome}. With
 * {@code auto} the three scopes are tried at once (one round trip, not three); with a configured scope one request is
 * made, and only a refusal (code 7) sends the other two, to name the key's real scope. Callers for the same key wait
 * for the first one's exchange instead of starting their own. Thread-safe.
 */
public final class TokenBroker {
    private static final ExecutorService PARALLEL = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "gigachat-token");
        thread.setDaemon(true);
        return thread;
    });

    private final Map<String, KeyState> keys = new ConcurrentHashMap<>();
    private final Map<String, UserState> users = new ConcurrentHashMap<>();

    /** What is known of one user at one {@code /token} endpoint; its monitor serialises that user's exchanges. */
    private static final class UserState {
        AccessToken token;
        /** Refused: the answer holds for the rest of the build. */
        TokenOutcome refused;
    }

    /** What is known of one key at one OAuth endpoint; its monitor serialises the exchanges for that key. */
    private static final class KeyState {
        final Map<Scope, AccessToken> tokens = new EnumMap<>(Scope.class);
        final Map<Scope, ApiException> refusedScopes = new EnumMap<>(Scope.class);
        Scope ownScope;
        /** Malformed, Rejected or refused by every scope: the answer holds for the rest of the build. */
        TokenOutcome refusedKey;
    }

    /** The classified exchange: see {@link GigaChatClient#exchange(AuthorizationKey, Scope)}. */
    TokenOutcome exchange(GigaChatClient client, AuthorizationKey key, Scope configured) {
        KeyState state = state(client, key);
        synchronized (state) {
            TokenOutcome outcome = exchange(client, key, configured, state);
            if (outcome instanceof TokenOutcome.Malformed
                    || outcome instanceof TokenOutcome.Rejected
                    || (outcome instanceof TokenOutcome.WrongScope wrong && wrong.configured() == null)) {
                state.refusedKey = outcome;
            }
            return outcome;
        }
    }

    private TokenOutcome exchange(GigaChatClient client, AuthorizationKey key, Scope configured, KeyState state) {
        if (state.refusedKey != null) {
            return state.refusedKey;
        }
        Scope wanted = configured != null ? configured : state.ownScope;
        if (wanted != null) {
            AccessToken cached = fresh(client, state, wanted);
            if (cached != null) {
                return new TokenOutcome.Issued(cached);
            }
            ApiException refused = state.refusedScopes.get(wanted);
            if (refused != null) {
                return new TokenOutcome.WrongScope(wanted, Optional.ofNullable(state.ownScope), refused);
            }
        }
        if (wanted == null) {
            return tryAll(client, key, state, null, List.of(Scope.values()));
        }
        TokenOutcome single = classify(state, wanted, attempt(client, key, wanted));
        if (!(single instanceof TokenOutcome.WrongScope) || configured == null) {
            return single;
        }
        List<Scope> others = new ArrayList<>(List.of(Scope.values()));
        others.remove(configured);
        TokenOutcome elsewhere = tryAll(client, key, state, configured, others);
        ApiException refusal = state.refusedScopes.get(configured);
        if (elsewhere instanceof TokenOutcome.Issued issued) {
            return new TokenOutcome.WrongScope(configured, Optional.of(issued.scope()), refusal);
        }
        if (elsewhere instanceof TokenOutcome.WrongScope) {
            return new TokenOutcome.WrongScope(null, Optional.empty(), refusal); // every scope refused the key
        }
        return new TokenOutcome.WrongScope(configured, Optional.empty(), refusal); // the others could not tell
    }

    /**
     * A token for a scope the key is known to belong to: the shared one while it is fresh, else a new one. {@code
     * stale} (may be null) is a token the API has just refused (401): it is replaced even if it looks fresh.
     */
    AccessToken token(GigaChatClient client, AuthorizationKey key, Scope scope, AccessToken stale) {
        KeyState state = state(client, key);
        synchronized (state) {
            AccessToken current = state.tokens.get(scope);
            if (current != null && current != stale && !current.needsRefresh(client.now())) {
                client.masker().add(current.value());
                return current;
            }
            AccessToken token = client.requestToken(key, scope);
            state.tokens.put(scope, token);
            state.ownScope = scope;
            return token;
        }
    }

    /** The classified exchange of a user and password: see {@link GigaChatClient#exchange(Credential.UserPassword)}. */
    TokenOutcome exchange(GigaChatClient client, Credential.UserPassword user) {
        UserState state = state(client, user);
        synchronized (state) {
            if (state.refused != null) {
                return state.refused;
            }
            if (state.token != null && !state.token.needsRefresh(client.now())) {
                client.masker().add(state.token.value());
                return new TokenOutcome.Issued(state.token);
            }
            TokenOutcome outcome;
            try {
                state.token = client.requestUserToken(user);
                return new TokenOutcome.Issued(state.token);
            } catch (ApiException e) {
                // Basic authentication refused: the API's JSON, or a bare 401 (WWW-Authenticate); a page is a proxy's
                boolean refusal = e.status() == 401 && !e.isHtmlPage();
                outcome = refusal ? new TokenOutcome.Rejected(e) : new TokenOutcome.Transient(e);
                if (refusal) {
                    state.refused = outcome;
                }
            } catch (GigaChatException e) {
                outcome = new TokenOutcome.Transient(e);
            }
            return outcome;
        }
    }

    /** A user's token: the shared one while it is fresh and not {@code stale}, else a new one (which may throw). */
    AccessToken userToken(GigaChatClient client, Credential.UserPassword user, AccessToken stale) {
        UserState state = state(client, user);
        synchronized (state) {
            AccessToken current = state.token;
            if (current != null && current != stale && !current.needsRefresh(client.now())) {
                client.masker().add(current.value());
                return current;
            }
            state.token = client.requestUserToken(user);
            return state.token;
        }
    }

    private UserState state(GigaChatClient client, Credential.UserPassword user) {
        String id = client.config().baseUrl() + "|" + Hashes.sha256Hex(user.user() + "\u0000" + user.password());
        return users.computeIfAbsent(id, k -> new UserState());
    }

    private KeyState state(GigaChatClient client, AuthorizationKey key) {
        String id = client.config().authUrl() + "|" + Hashes.sha256Hex(key.value());
        return keys.computeIfAbsent(id, k -> new KeyState());
    }

    private static AccessToken fresh(GigaChatClient client, KeyState state, Scope scope) {
        AccessToken token = state.tokens.get(scope);
        if (token == null || token.needsRefresh(client.now())) {
            return null;
        }
        client.masker().add(token.value());
        return token;
    }

    /** Sends one request per scope at once; the first issued token wins (a key belongs to one scope). */
    private TokenOutcome tryAll(
            GigaChatClient client, AuthorizationKey key, KeyState state, Scope configured, List<Scope> scopes) {
        List<CompletableFuture<Object>> answers = new ArrayList<>();
        for (Scope scope : scopes) {
            answers.add(CompletableFuture.supplyAsync(() -> attempt(client, key, scope), PARALLEL));
        }
        List<TokenOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < scopes.size(); i++) {
            outcomes.add(classify(state, scopes.get(i), answers.get(i).join()));
        }
        for (Class<?> kind : List.of(
                TokenOutcome.Issued.class,
                TokenOutcome.Malformed.class,
                TokenOutcome.Rejected.class,
                TokenOutcome.Transient.class)) {
            for (TokenOutcome outcome : outcomes) {
                if (kind.isInstance(outcome)) {
                    return outcome;
                }
            }
        }
        // every scope refused the key (code 7)
        return new TokenOutcome.WrongScope(
                configured, Optional.empty(), ((TokenOutcome.WrongScope) outcomes.get(0)).cause());
    }

    /** One token request; the answer is the token or the failure, never thrown. */
    private static Object attempt(GigaChatClient client, AuthorizationKey key, Scope scope) {
        try {
            return client.requestToken(key, scope);
        } catch (GigaChatException e) {
            return e;
        } catch (RuntimeException e) {
            // never thrown out of the exchange: whatever broke, nothing was learned about the key
            return new TransportException(
                    "POST " + client.config().authUrl().getPath() + " failed: "
                            + e.getClass().getSimpleName(),
                    false,
                    e);
        }
    }

    /** Classifies one answer by OAuth code first, HTTP status second, and records what it proves about the key. */
    private static TokenOutcome classify(KeyState state, Scope scope, Object answer) {
        if (answer instanceof AccessToken token) {
            state.tokens.put(scope, token);
            state.ownScope = scope;
            return new TokenOutcome.Issued(token);
        }
        if (!(answer instanceof ApiException e)) {
            return new TokenOutcome.Transient((GigaChatException) answer);
        }
        int code = e.code().orElse(-1);
        if (code == 4) {
            return new TokenOutcome.Malformed(e);
        }
        if (code == 6) {
            return new TokenOutcome.Rejected(e);
        }
        if (code == 7) {
            state.refusedScopes.put(scope, e);
            return new TokenOutcome.WrongScope(scope, Optional.empty(), e);
        }
        return new TokenOutcome.Transient(e);
    }
}
