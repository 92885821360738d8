package io.github.gigachat.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Emulates {@code GET /models} and {@code GET /models/{id}}. */
final class ModelsApi {
    private ModelsApi() {}

    static Response list(AccountState account) {
        ObjectNode root = Response.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String id : account.account().models()) {
            ModelCatalog.find(id).ifPresent(model -> data.add(node(model)));
        }
        return Response.json(200, root);
    }

    static Response get(AccountState account, String id) {
        return Response.json(200, node(ApiRequests.visibleModel(account, id)));
    }

    private static ObjectNode node(Model model) {
        return Response.MAPPER
                .createObjectNode()
                .put("id", model.id())
                .put("object", "model")
                .put("owned_by", "salutedevices")
                .put("type", model.type());
    }
}
