package io.github.gigachat.emulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Emulates {@code GET /models} and {@code GET /models/{id}}. */
final class ModelsApi {
    private ModelsApi() {}

    static Response list(AccountState account) {
        return Response.json(200, json -> {
            json.writeStartObject();
            json.writeStringField("object", "list");
            json.writeArrayFieldStart("data");
            for (String id : account.account().models()) {
                Model model = ModelCatalog.find(id).orElse(null);
                if (model != null) {
                    write(json, model);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    static Response get(AccountState account, String id) {
        Model model = ApiRequests.visibleModel(account, id);
        return Response.json(200, json -> write(json, model));
    }

    private static void write(JsonGenerator json, Model model) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", model.id());
        json.writeStringField("object", "model");
        json.writeStringField("owned_by", "salutedevices");
        json.writeStringField("type", model.type());
        json.writeEndObject();
    }
}
