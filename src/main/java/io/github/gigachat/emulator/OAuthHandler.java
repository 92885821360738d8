package io.github.gigachat.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Emulates {@code POST /api/v2/oauth}: the rate limit (10 per second), then RqUID, the Authorization Key and the scope;
 * then issues a token.
 */
final class OAuthHandler {
    private final EmulatorState state;

    OAuthHandler(EmulatorState state) {
        this.state = state;
    }

    /** Answers a token request, the {@code inLastSecond}-th to start within the last second. */
    Response handle(HttpRequest request, Duration extraDelay, int inLastSecond) throws InterruptedException {
        state.pause(extraDelay);
        if (inLastSecond > state.oauthRequestsPerSecond()) {
            state.stats().rejectedOAuthForRate();
            return Response.apiError(429, "Too many requests");
        }
        if (!Uuids.isUuid(request.header("RqUID"))) {
            return Response.oauthError(400, 0, "RqUID header is missing or invalid");
        }
        BasicAuthorization credentials = BasicAuthorization.parse(request.header("Authorization"), true);
        if (credentials == null) {
            return Response.oauthError(400, 4, "Can't decode 'Authorization' header");
        }
        String scope;
        try {
            scope = formParameter(request.body(), "scope");
        } catch (IllegalArgumentException e) {
            return Response.oauthError(400, 1, "scope data format invalid");
        }
        if (scope == null || scope.isEmpty()) {
            return Response.oauthError(400, 5, "scope is empty");
        }
        if (!Scopes.isKnown(scope)) {
            return Response.oauthError(400, 1, "scope data format invalid");
        }
        AccountState account = state.account(credentials.name());
        if (account == null
                || account.account().isRevoked()
                || !credentials.secretIs(account.account().secret())) {
            return Response.oauthError(401, 6, "credentials doesn't match db data");
        }
        if (!account.account().scope().equals(scope)) {
            return Response.oauthError(400, 7, "scope from db not fully includes consumed scope");
        }
        return tokenResponse(state.tokens().issue(credentials.name()));
    }

    private Response tokenResponse(TokenStore.Issued issued) {
        boolean seconds = state.expiresAtInSeconds();
        return Response.json(200, json -> {
            json.writeStartObject();
            if (seconds) {
                json.writeStringField("tok", issued.token());
                json.writeNumberField("exp", issued.expiresAt() / 1000);
            } else {
                json.writeStringField("access_token", issued.token());
                json.writeNumberField("expires_at", issued.expiresAt());
            }
            json.writeEndObject();
        });
    }

    /** The first value of {@code name} in an {@code application/x-www-form-urlencoded} body, or null. */
    static String formParameter(byte[] body, String name) {
        String form = new String(body, StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
