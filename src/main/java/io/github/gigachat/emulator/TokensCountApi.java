package io.github.gigachat.emulator;

import java.util.List;

/** Emulates {@code POST /tokens/count}: the token estimate and code point count of every text. */
final class TokensCountApi {
    private TokensCountApi() {}

    static Response handle(AccountState account, byte[] body) {
        ApiRequests.Body request = ApiRequests.parseObject(body);
        ApiRequests.model(request, account);
        List<String> texts = ApiRequests.input(request);
        return Response.json(200, json -> {
            json.writeStartArray();
            for (String text : texts) {
                json.writeStartObject();
                json.writeStringField("object", "tokens");
                json.writeNumberField("tokens", TokenMath.count(text));
                json.writeNumberField("characters", TokenMath.characters(text));
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }
}
