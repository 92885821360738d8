package io.github.gigachat.emulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** Emulates {@code POST /embeddings}: validation, size limits, prepaid billing and deterministic vectors. */
final class EmbeddingsApi {
    /** Texts per request above which the emulator answers 413 (the real limit is unknown). */
    static final int MAX_TEXTS = 100;
    /** Estimated tokens per text above which the emulator answers 413 (the real limit is unknown). */
    static final int MAX_TOKENS_PER_TEXT = 4096;

    private final EmulatorStats stats;

    EmbeddingsApi(EmulatorStats stats) {
        this.stats = stats;
    }

    Response handle(AccountState account, byte[] body) {
        ApiRequests.Body request = ApiRequests.parseObject(body);
        Model model = ApiRequests.model(request, account);
        if (!model.isEmbedder()) {
            throw ApiException.invalid("Model " + model.id() + " does not support embeddings");
        }
        List<String> texts = ApiRequests.input(request);
        long billed = bill(texts);
        if (!account.charge(AccountState.EMBEDDINGS_USAGE, billed)) {
            throw new ApiException(402, "Payment Required");
        }
        stats.embedded(texts.size(), billed);
        return Response.json(200, json -> write(json, model, texts));
    }

    private static long bill(List<String> texts) {
        if (texts.size() > MAX_TEXTS) {
            throw ApiException.payloadTooLarge();
        }
        long total = 0;
        for (String text : texts) {
            if (TokenMath.count(text) > MAX_TOKENS_PER_TEXT) {
                throw ApiException.payloadTooLarge();
            }
            total += TokenMath.billed(text);
        }
        return total;
    }

    private static void write(JsonGenerator json, Model model, List<String> texts) throws IOException {
        json.writeStartObject();
        json.writeStringField("object", "list");
        json.writeStringField("model", model.id());
        json.writeArrayFieldStart("data");
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            json.writeStartObject();
            json.writeStringField("object", "embedding");
            json.writeNumberField("index", i);
            json.writeArrayFieldStart("embedding");
            for (float component : Vectors.of(model.id(), model.dimensions(), text)) {
                json.writeNumber(component);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("usage");
            json.writeNumberField("prompt_tokens", TokenMath.billed(text));
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
