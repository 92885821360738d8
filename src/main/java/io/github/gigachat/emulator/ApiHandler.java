package io.github.gigachat.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * Emulates the {@code /api/v1} calls: bearer check, per-account concurrency limit, then the endpoint itself.
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
        String token = bearerToken(request.header("Authorization"));
        TokenStore.Lookup lookup = state.tokens().lookup(token);
        AccountState account = state.account(lookup.clientId());
        if (lookup.status() != TokenStore.Status.VALID || account == null) {
            state.pause(extraDelay);
            boolean expired = lookup.status() == TokenStore.Status.EXPIRED;
            return Response.apiError(401, expired ? "Token has expired" : "Unauthorized");
        }
        if (!runsAModel(route.endpoint())) {
            state.pause(extraDelay);
            return dispatch(route, account, body).withHeader("X-Session-Id", sessionId(token));
        }
        if (!account.tryAcquire(state.concurrencyLimit(account.account()))) {
            state.stats().rejectedForConcurrency();
            state.pause(Duration.ZERO);
            return Response.apiError(429, "Too many requests").withHeader("Retry-After", "1");
        }
        state.stats().admitted();
        try {
            state.pause(extraDelay);
            return dispatch(route, account, body).withHeader("X-Session-Id", sessionId(token));
        } finally {
            // released before the answer is written, so a client that waits for it never races its own next call
            state.stats().finished();
            account.release();
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

    /** A session id that stays the same for one token without revealing it. */
    private static String sessionId(String token) {
        return UUID.nameUUIDFromBytes(token.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
