package io.github.gigachat.emulator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parses and validates the JSON bodies of {@code /embeddings} and {@code /tokens/count}. */
final class ApiRequests {
    private ApiRequests() {}

    /**
     * The fields of a request body the emulator reads.
     *
     * @param model the {@code model} string; null when absent or not a string
     * @param input the {@code input} strings; null when absent, not an array, or holding anything but strings
     */
    record Body(String model, List<String> input) {}

    /** The whole body, parsed before anything is validated: malformed JSON is a 400 wherever it is. */
    static Body parseObject(byte[] body) {
        try (JsonParser json = Response.JSON_FACTORY.createParser(body)) {
            JsonToken root = json.nextToken();
            if (root == null) {
                throw new ApiException(400, "Invalid JSON");
            }
            Body result = root == JsonToken.START_OBJECT ? fields(json) : null;
            if (result == null) {
                json.skipChildren();
            }
            if (json.nextToken() != null) {
                throw new ApiException(400, "Invalid JSON");
            }
            if (result == null) {
                throw ApiException.invalid("Request body must be a JSON object");
            }
            return result;
        } catch (IOException e) {
            throw new ApiException(400, "Invalid JSON");
        }
    }

    private static Body fields(JsonParser json) throws IOException {
        String model = null;
        List<String> input = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (name.equals("model")) {
                model = value == JsonToken.VALUE_STRING ? json.getText() : null;
                json.skipChildren();
            } else if (name.equals("input")) {
                input = value == JsonToken.START_ARRAY ? strings(json) : null;
                json.skipChildren();
            } else {
                json.skipChildren();
            }
        }
        return new Body(model, input);
    }

    /** The strings of the array the parser is at, read to its end; null if any item is not a string. */
    private static List<String> strings(JsonParser json) throws IOException {
        List<String> texts = new ArrayList<>();
        boolean onlyStrings = true;
        for (JsonToken item = json.nextToken(); item != JsonToken.END_ARRAY; item = json.nextToken()) {
            if (item == JsonToken.VALUE_STRING) {
                texts.add(json.getText());
            } else {
                onlyStrings = false;
                json.skipChildren();
            }
        }
        return onlyStrings ? texts : null;
    }

    /** The requested model; 422 when missing, 404 when the account does not see such a model. */
    static Model model(Body request, AccountState account) {
        if (request.model() == null || request.model().isEmpty()) {
            throw ApiException.invalid("model is required");
        }
        return visibleModel(account, request.model());
    }

    static Model visibleModel(AccountState account, String id) {
        if (!account.account().models().contains(id)) {
            throw ApiException.noSuchModel();
        }
        return ModelCatalog.find(id).orElseThrow(ApiException::noSuchModel);
    }

    /** The {@code input} texts; 422 unless it is a non-empty array of strings. */
    static List<String> input(Body request) {
        if (request.input() == null || request.input().isEmpty()) {
            throw ApiException.invalid("input must be a non-empty array of strings");
        }
        return request.input();
    }
}
