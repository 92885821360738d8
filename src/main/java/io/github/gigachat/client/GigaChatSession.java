package io.github.gigachat.client;

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
 * The authenticated API for one credential. For a key (or a user and password) it holds the access token, refreshes it
 * 60 s before it expires, and after a 401 fetches a new one and retries the call once; a token handed over is used as
 * is, and with a client certificate alone no Authorization header is sent. Thread-safe.
 */
public final class GigaChatSession {
    private final GigaChatClient client;
    private final SessionAuthorization authorization;

    GigaChatSession(GigaChatClient client, SessionAuthorization authorization) {
        this.client = client;
        this.authorization = Objects.requireNonNull(authorization);
    }

    /** The scope of the calls; null when the credential does not tell it (an access token, a user, a certificate). */
    public Scope scope() {
        return authorization.scope();
    }

    /**
     * The current token: for a key, the build's shared one while it is more than 60 s from expiry, else a new one;
     * null when the client certificate alone authenticates.
     */
    public AccessToken token() {
        return authorization.current();
    }

    /** {@code GET /models}. */
    public List<ModelInfo> models() {
        return authenticated("GET /models", "GET", "/models", null, true, response -> {
            Json.Node data = json("GET /models", response).get("data");
            if (!data.isArray()) {
                throw new ShapeException("JSON without a 'data' list of models");
            }
            List<ModelInfo> models = new ArrayList<>();
            for (Json.Node entry : data.elements()) {
                if (!entry.get("id").isText()) {
                    throw new ShapeException("a model without an 'id'");
                }
                models.add(new ModelInfo(
                        entry.get("id").text(),
                        entry.get("type").textOr(""),
                        entry.get("owned_by").textOr("")));
            }
            return models;
        });
    }

    /** {@code GET /balance}: prepaid accounts only; pay-as-you-go accounts get 403. */
    public Balance balance() {
        return authenticated("GET /balance", "GET", "/balance", null, true, response -> {
            Json.Node list = json("GET /balance", response).get("balance");
            if (!list.isArray()) {
                throw new ShapeException("JSON without a 'balance' list");
            }
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            for (Json.Node entry : list.elements()) {
                if (!entry.get("usage").isText() || !entry.get("value").isNumber()) {
                    throw new ShapeException("a balance entry without a 'usage' name and a numeric 'value'");
                }
                values.put(entry.get("usage").text(), entry.get("value").number());
            }
            return new Balance(values);
        });
    }

    /** What a call does when the API answers 429 Too Many Requests. */
    public enum OnThrottle {
        /** Wait and retry per the client's {@link RetryPolicy} (honouring {@code Retry-After}), like any transient error. */
        RETRY,
        /**
         * Throw the {@link ApiException} (status 429, with {@link ApiException#retryAfterSeconds()}) at once, for a
         * caller that paces its own requests and needs to learn of every 429. Server errors and transport failures are
         * still retried, and a 401 still refreshes the token once.
         */
        THROW
    }

    /** {@code POST /embeddings}; vectors are returned in input order, matched by {@code index}. */
    public EmbeddingResponse embed(String model, List<String> texts) {
        return embed(model, texts, OnThrottle.RETRY);
    }

    /** {@code POST /embeddings} with a choice of what a 429 does; vectors are returned in input order. */
    public EmbeddingResponse embed(String model, List<String> texts, OnThrottle onThrottle) {
        String endpoint = "POST /embeddings";
        boolean retryThrottling = Objects.requireNonNull(onThrottle, "onThrottle") == OnThrottle.RETRY;
        byte[] request = Json.modelAndInput(model, texts);
        return authenticated(endpoint, "POST", "/embeddings", request, retryThrottling, response -> {
            Responses.requireJsonBody(endpoint, response);
            EmbeddingsReader.Parsed parsed;
            try {
                parsed = EmbeddingsReader.read(response.body());
            } catch (java.io.IOException e) {
                throw Responses.malformed(endpoint, response);
            } catch (EmbeddingsReader.ShapeException e) {
                throw new ShapeException(e.getMessage());
            }
            List<Embedding> embeddings = new ArrayList<>(parsed.embeddings());
            embeddings.sort(Comparator.comparingInt(Embedding::index));
            long billed = 0;
            for (int i = 0; i < embeddings.size(); i++) {
                if (embeddings.get(i).index() != i) {
                    throw new ShapeException("indexes that do not cover the " + texts.size() + " inputs");
                }
                billed += embeddings.get(i).promptTokens();
            }
            if (embeddings.size() != texts.size()) {
                throw new ShapeException(embeddings.size() + " embeddings for " + texts.size() + " inputs");
            }
            return new EmbeddingResponse(
                    parsed.model() == null ? model : parsed.model(), List.copyOf(embeddings), billed);
        });
    }

    /** {@code POST /tokens/count}. */
    public List<TokenCount> countTokens(String model, List<String> texts) {
        String endpoint = "POST /tokens/count";
        return authenticated(endpoint, "POST", "/tokens/count", Json.modelAndInput(model, texts), true, response -> {
            Json.Node body = json(endpoint, response);
            if (!body.isArray() || body.size() != texts.size()) {
                throw new ShapeException("not a list with one entry per input");
            }
            List<TokenCount> counts = new ArrayList<>();
            for (Json.Node entry : body.elements()) {
                if (!entry.get("tokens").isNumber()) {
                    throw new ShapeException("an entry without numeric 'tokens'");
                }
                counts.add(new TokenCount(
                        entry.get("tokens").longOr(0), entry.get("characters").longOr(0)));
            }
            return counts;
        });
    }

    private static Json.Node json(String endpoint, HttpTransport.Response response) {
        return Responses.successBody(endpoint, response);
    }

    private <T> T authenticated(
            String endpoint,
            String method,
            String path,
            byte[] body,
            boolean retryThrottling,
            Function<HttpTransport.Response, T> parse) {
        for (int attempt = 0; ; attempt++) {
            AccessToken current = token();
            Map<String, String> headers = current == null
                    ? Map.of("Accept", "application/json")
                    : Map.of("Authorization", "Bearer " + current.value(), "Accept", "application/json");
            HttpTransport.Response response;
            try {
                response = client.call(
                        endpoint,
                        () -> new HttpTransport.Request(
                                method,
                                client.api(path),
                                headers,
                                body,
                                body == null ? null : ContentType.APPLICATION_JSON),
                        retryThrottling);
            } catch (ApiException e) {
                if (e.status() == 401 && attempt == 0 && current != null && authorization.replace(current)) {
                    client.countRetry();
                    continue;
                }
                throw e;
            }
            try {
                return parse.apply(response);
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
