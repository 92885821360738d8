package io.github.gigachat.emulator;

import java.time.Duration;

/**
 * Emulates {@code POST {baseUrl}/token}, the user-and-password login of the official SDKs (not in Sber's public
 * docs): HTTP Basic {@code base64(user ":" password)}, no body needed (the Java SDK's {@code scope=...} form body is
 * ignored), answer {@code {"tok":"<token>","exp":<Unix seconds>}}. Not rate limited: the 10-per-second limit is known
 * for the OAuth endpoint only.
 *
 * <p>A missing or undecodable Basic header, an unknown user, a wrong password and a revoked account all get
 * {@code 401 {"status":401,"message":"Unauthorized"}}; the real body of these answers was never recorded
 * (unconfirmed).
 */
final class UserTokenHandler {
    private final EmulatorState state;

    UserTokenHandler(EmulatorState state) {
        this.state = state;
    }

    Response handle(HttpRequest request, Duration extraDelay) throws InterruptedException {
        state.pause(extraDelay);
        BasicAuthorization login = BasicAuthorization.parse(request.header("Authorization"), false);
        AccountState account = login == null ? null : state.accountOfUser(login.name());
        if (account == null
                || account.account().isRevoked()
                || !login.secretIs(account.account().password())) {
            return Response.apiError(401, "Unauthorized");
        }
        TokenStore.Issued issued = state.tokens().issue(account.account().clientId());
        return Response.json(200, json -> {
            json.writeStartObject();
            json.writeStringField("tok", issued.token());
            json.writeNumberField("exp", issued.expiresAt() / 1000);
            json.writeEndObject();
        });
    }
}
