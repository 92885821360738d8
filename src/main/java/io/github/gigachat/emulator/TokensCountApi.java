package io.github.gigachat.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** Emulates {@code POST /tokens/count}: the token estimate and code point count of every text. */
final class TokensCountApi {
    private TokensCountApi() {}

    static Response handle(AccountState account, byte[] body) {
        JsonNode request = ApiRequests.parseObject(body);
        ApiRequests.model(request, account);
        ArrayNode result = Response.MAPPER.createArrayNode();
        for (String text : ApiRequests.input(request)) {
            result.addObject()
                    .put("object", "tokens")
                    .put("tokens", TokenMath.count(text))
                    .put("characters", TokenMath.characters(text));
        }
        return Response.json(200, result);
    }
}
