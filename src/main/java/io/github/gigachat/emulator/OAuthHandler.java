package io.github.gigachat.emulator;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * Emulates {@code POST /api/v2/oauth}: the rate limit (10 per second), then RqUID, the Authorization Key and the scope;
 * then issues a token.
 */
final class OAuthHandler {
    private record Credentials(String clientId, String secret) {}

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
        Credentials credentials = decode(request.header("Authorization"));
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
        AccountState account = state.account(credentials.clientId());
        if (account == null || account.account().isRevoked() || !sameSecret(account, credentials)) {
            return Response.oauthError(401, 6, "credentials doesn't match db data");
        }
        if (!account.account().scope().equals(scope)) {
            return Response.oauthError(400, 7, "scope from db not fully includes consumed scope");
        }
        return tokenResponse(state.tokens().issue(credentials.clientId()));
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

    /** {@code Basic} or {@code Bearer} followed by Base64(clientId ":" secret); null when it is anything else. */
    private static Credentials decode(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        if (!scheme.equals("basic") && !scheme.equals("bearer")) {
            return null;
        }
        String decoded = decodeBase64Utf8(value.substring(space + 1).trim());
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static String decodeBase64Utf8(String key) {
        try {
            byte[] bytes = Base64.getDecoder().decode(key);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    private static boolean sameSecret(AccountState account, Credentials credentials) {
        return MessageDigest.isEqual(
                account.account().secret().getBytes(StandardCharsets.UTF_8),
                credentials.secret().getBytes(StandardCharsets.UTF_8));
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
