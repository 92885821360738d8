package io.github.gigachat.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parses and validates the JSON bodies of {@code /embeddings} and {@code /tokens/count}. */
final class ApiRequests {
    private ApiRequests() {}

    static JsonNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = Response.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "Invalid JSON");
        }
        if (node == null || node.isMissingNode()) {
            throw new ApiException(400, "Invalid JSON");
        }
        if (!node.isObject()) {
            throw ApiException.invalid("Request body must be a JSON object");
        }
        return node;
    }

    /** The requested model; 422 when missing, 404 when the account does not see such a model. */
    static Model model(JsonNode request, AccountState account) {
        JsonNode model = request.get("model");
        if (model == null || !model.isTextual() || model.asText().isEmpty()) {
            throw ApiException.invalid("model is required");
        }
        return visibleModel(account, model.asText());
    }

    static Model visibleModel(AccountState account, String id) {
        if (!account.account().models().contains(id)) {
            throw ApiException.noSuchModel();
        }
        return ModelCatalog.find(id).orElseThrow(ApiException::noSuchModel);
    }

    /** The {@code input} texts; 422 unless it is a non-empty array of strings. */
    static List<String> input(JsonNode request) {
        JsonNode input = request.get("input");
        if (input == null || !input.isArray() || input.isEmpty()) {
            throw ApiException.invalid("input must be a non-empty array of strings");
        }
        List<String> texts = new ArrayList<>(input.size());
        for (JsonNode item : input) {
            if (!item.isTextual()) {
                throw ApiException.invalid("input must be a non-empty array of strings");
            }
            texts.add(item.asText());
        }
        return texts;
    }
}
