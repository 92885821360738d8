package io.github.gigachat.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * Emulates the {@code /api/v1} calls: bearer token (or, without an Authorization header, the connection's client
 * certificate) check, per-account concurrency limit, then the endpoint itself.
 *
 * <p>The limit ("streams": 1 for PERS, 10 for businesses) applies to the calls that run a model, embeddings and token
 * counting; the API facts do not say that listing models or reading the balance count as streams, so they do not here.
 */
final class ApiHandler {
    private final EmulatorState state;
    private final EmbeddingsApi embeddings;

    ApiHandler(EmulatorState state) {
        this.state = state;
        this.embeddings = new EmbeddingsApi(state.stats());
    }

    Response handle(Route route, HttpRequest request, Duration extraDelay) throws InterruptedException {
        byte[] body = request.body();
        Caller caller = authenticate(request);
        if (caller.refusal() != null) {
            state.pause(extraDelay);
            return caller.refusal();
        }
        AccountState account = caller.account();
        String sessionId = sessionId(caller.sessionSeed());
        if (!runsAModel(route.endpoint())) {
            state.pause(extraDelay);
            return dispatch(route, account, body).withHeader("X-Session-Id", sessionId);
        }
        if (!account.tryAcquire(state.concurrencyLimit(account.account()))) {
            state.stats().rejectedForConcurrency();
            state.pause(Duration.ZERO);
            return Response.apiError(429, "Too many requests").withHeader("Retry-After", "1");
        }
        state.stats().admitted();
        try {
            state.pause(extraDelay);
            return dispatch(route, account, body).withHeader("X-Session-Id", sessionId);
        } finally {
            // released before the answer is written, so a client that waits for it never races its own next call
            state.stats().finished();
            account.release();
        }
    }

    /**
     * The account a request acts for: by its bearer token, or, when it has no Authorization header, by the client
     * certificate of its TLS connection. A token or certificate of an account revoked since gets 401 Unauthorized.
     */
    private Caller authenticate(HttpRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null && request.clientCertificate() != null) {
            AccountState account = state.accountOfCertificate(request.clientCertificate());
            if (account == null || account.account().isRevoked()) {
                return Caller.refused("Unauthorized");
            }
            state.stats().authenticatedByCertificate();
            return new Caller(account, ClientCertificates.fingerprint(request.clientCertificate()), null);
        }
        String token = bearerToken(authorization);
        TokenStore.Lookup lookup = state.tokens().lookup(token);
        AccountState account = state.account(lookup.clientId());
        if (lookup.status() == TokenStore.Status.EXPIRED) {
            return Caller.refused("Token has expired");
        }
        if (lookup.status() != TokenStore.Status.VALID
                || account == null
                || account.account().isRevoked()) {
            return Caller.refused("Unauthorized");
        }
        return new Caller(account, token, null);
    }

    /** Who a request acts for ({@code sessionSeed}: what its session id is derived from), or the 401 it gets. */
    private record Caller(AccountState account, String sessionSeed, Response refusal) {
        static Caller refused(String message) {
            return new Caller(null, null, Response.apiError(401, message));
        }
    }

    private static boolean runsAModel(Endpoint endpoint) {
        return endpoint == Endpoint.EMBEDDINGS || endpoint == Endpoint.TOKENS_COUNT;
    }

    private Response dispatch(Route route, AccountState account, byte[] body) {
        try {
            return switch (route.endpoint()) {
                case MODELS -> ModelsApi.list(account);
                case MODEL -> ModelsApi.get(account, route.modelId());
                case BALANCE -> BalanceApi.get(account);
                case EMBEDDINGS -> embeddings.handle(account, body);
                case TOKENS_COUNT -> TokensCountApi.handle(account, body);
                default -> throw new IllegalStateException("not an API endpoint: " + route.endpoint());
            };
        } catch (ApiException e) {
            return e.toResponse();
        }
    }

    private static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return null;
        }
        return value.substring("bearer ".length()).trim();
    }

    /** A session id that stays the same for one token (or certificate) without revealing it. */
    private static String sessionId(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
