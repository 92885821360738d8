package io.github.gigachat.emulator;

import java.util.Map;

/** Emulates {@code GET /balance}: current balances for prepaid accounts, 403 for postpaid ones. */
final class BalanceApi {
    private BalanceApi() {}

    static Response get(AccountState account) {
        if (!account.account().isPrepaid()) {
            return Response.apiError(403, "Permission denied");
        }
        return Response.json(200, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("balance");
            for (Map.Entry<String, Long> entry : account.balances()) {
                json.writeStartObject();
                json.writeStringField("usage", entry.getKey());
                json.writeNumberField("value", entry.getValue());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
