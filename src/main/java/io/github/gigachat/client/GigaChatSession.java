package io.github.gigachat.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.hc.core5.http.ContentType;

/**
 * The authenticated API for one key and scope. Holds the access token, refreshes it 60 s before it expires, and after
 * a 401 fetches a new one and retries the call once. Thread-safe.
 */
public final class GigaChatSession {
    private final GigaChatClient client;
    private final AuthorizationKey key;
    private final Scope scope;
    private AccessToken token;

    GigaChatSession(GigaChatClient client, AuthorizationKey key, Scope scope) {
        this.client = client;
        this.key = Objects.requireNonNull(key);
        this.scope = Objects.requireNonNull(scope);
    }

    public Scope scope() {
        return scope;
    }

    /** Starts with a token obtained elsewhere (for example during scope discovery) instead of fetching one. */
    public synchronized GigaChatSession withToken(AccessToken initial) {
        if (initial.scope() != scope) {
            throw new IllegalArgumentException("token of scope " + initial.scope() + " for a session of " + scope);
        }
        this.token = initial;
        return this;
    }

    /** The current token, fetched or refreshed when it is missing or within 60 s of expiry. */
    public synchronized AccessToken token() {
        if (token == null || token.needsRefresh(client.now())) {
            token = client.requestToken(key, scope);
        }
        return token;
    }

    private synchronized void invalidate(AccessToken stale) {
        if (token == stale) {
            token = null;
        }
    }

    /** {@code GET /models}. */
    public List<ModelInfo> models() {
        String endpoint = "GET /models";
        return authenticated(endpoint, "GET", "/models", null, body -> {
            JsonNode data = body.get("data");
            if (data == null || !data.isArray()) {
                throw new ShapeException("JSON without a 'data' list of models");
            }
            List<ModelInfo> models = new ArrayList<>();
            for (JsonNode entry : data) {
                JsonNode id = entry.get("id");
                if (id == null || !id.isTextual()) {
                    throw new ShapeException("a model without an 'id'");
                }
                models.add(new ModelInfo(
                        id.textValue(),
                        entry.path("type").asText(""),
                        entry.path("owned_by").asText("")));
            }
            return models;
        });
    }

    /** {@code GET /balance}: prepaid accounts only; pay-as-you-go accounts get 403. */
    public Balance balance() {
        return authenticated("GET /balance", "GET", "/balance", null, body -> {
            JsonNode list = body.get("balance");
            if (list == null || !list.isArray()) {
                throw new ShapeException("JSON without a 'balance' list");
            }
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            for (JsonNode entry : list) {
                JsonNode usage = entry.get("usage");
                JsonNode value = entry.get("value");
                if (usage == null || !usage.isTextual() || value == null || !value.isNumber()) {
                    throw new ShapeException("a balance entry without a 'usage' name and a numeric 'value'");
                }
                values.put(usage.textValue(), value.decimalValue());
            }
            return new Balance(values);
        });
    }

    /** {@code POST /embeddings}; vectors are returned in input order, matched by {@code index}. */
    public EmbeddingResponse embed(String model, List<String> texts) {
        ObjectNode request = Responses.JSON.createObjectNode().put("model", model);
        ArrayNode input = request.putArray("input");
        texts.forEach(input::add);
        return authenticated("POST /embeddings", "POST", "/embeddings", request, body -> {
            JsonNode data = body.get("data");
            if (data == null || !data.isArray()) {
                throw new ShapeException("JSON without a 'data' list of embeddings");
            }
            List<Embedding> embeddings = new ArrayList<>();
            long billed = 0;
            for (JsonNode entry : data) {
                JsonNode index = entry.get("index");
                JsonNode vector = entry.get("embedding");
                if (index == null || !index.canConvertToInt() || vector == null || !vector.isArray()) {
                    throw new ShapeException("an embedding without an 'index' and an 'embedding' array");
                }
                float[] values = new float[vector.size()];
                for (int i = 0; i < values.length; i++) {
                    JsonNode component = vector.get(i);
                    if (!component.isNumber()) {
                        throw new ShapeException("an embedding with a non-numeric component");
                    }
                    values[i] = component.floatValue();
                }
                long tokens = entry.path("usage").path("prompt_tokens").asLong(0);
                billed += tokens;
                embeddings.add(new Embedding(index.intValue(), values, tokens));
            }
            embeddings.sort(Comparator.comparingInt(Embedding::index));
            for (int i = 0; i < embeddings.size(); i++) {
                if (embeddings.get(i).index() != i) {
                    throw new ShapeException("indexes that do not cover the " + texts.size() + " inputs");
                }
            }
            if (embeddings.size() != texts.size()) {
                throw new ShapeException(embeddings.size() + " embeddings for " + texts.size() + " inputs");
            }
            return new EmbeddingResponse(body.path("model").asText(model), List.copyOf(embeddings), billed);
        });
    }

    /** {@code POST /tokens/count}. */
    public List<TokenCount> countTokens(String model, List<String> texts) {
        ObjectNode request = Responses.JSON.createObjectNode().put("model", model);
        ArrayNode input = request.putArray("input");
        texts.forEach(input::add);
        return authenticated("POST /tokens/count", "POST", "/tokens/count", request, body -> {
            if (!body.isArray() || body.size() != texts.size()) {
                throw new ShapeException("not a list with one entry per input");
            }
            List<TokenCount> counts = new ArrayList<>();
            for (JsonNode entry : body) {
                if (!entry.path("tokens").isNumber()) {
                    throw new ShapeException("an entry without numeric 'tokens'");
                }
                counts.add(new TokenCount(
                        entry.path("tokens").longValue(),
                        entry.path("characters").asLong(0)));
            }
            return counts;
        });
    }

    private <T> T authenticated(
            String endpoint, String method, String path, JsonNode json, Function<JsonNode, T> parse) {
        byte[] body = json == null ? null : json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int attempt = 0; ; attempt++) {
            AccessToken current = token();
            HttpTransport.Response response;
            try {
                response = client.call(
                        endpoint,
                        () -> new HttpTransport.Request(
                                method,
                                client.api(path),
                                Map.of("Authorization", "Bearer " + current.value(), "Accept", "application/json"),
                                body,
                                body == null ? null : ContentType.APPLICATION_JSON));
            } catch (ApiException e) {
                if (e.status() == 401 && attempt == 0) {
                    invalidate(current);
                    client.countRetry();
                    continue;
                }
                throw e;
            }
            JsonNode parsed = Responses.successBody(endpoint, response);
            try {
                return parse.apply(parsed);
            } catch (ShapeException e) {
                throw Responses.unexpected(endpoint, response, "with " + e.getMessage());
            }
        }
    }

    /** Internal signal from a parser: the JSON is not of the documented shape. */
    private static final class ShapeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ShapeException(String message) {
            super(message, null, false, false);
        }
    }
}
