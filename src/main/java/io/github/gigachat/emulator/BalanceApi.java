package io.github.gigachat.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Emulates {@code GET /balance}: current balances for prepaid accounts, 403 for postpaid ones. */
final class BalanceApi {
    private BalanceApi() {}

    static Response get(AccountState account) {
        if (!account.account().isPrepaid()) {
            return Response.apiError(403, "Permission denied");
        }
        ObjectNode root = Response.MAPPER.createObjectNode();
        ArrayNode balance = root.putArray("balance");
        for (Map.Entry<String, Long> entry : account.balances()) {
            balance.addObject().put("usage", entry.getKey()).put("value", entry.getValue());
        }
        return Response.json(200, root);
    }
}
