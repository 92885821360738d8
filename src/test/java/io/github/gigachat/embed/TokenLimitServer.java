package io.github.gigachat.embed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.gigachat.client.AuthorizationKey;
import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.GigaChatSession;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A GigaChat API on WireMock that refuses a text over its per-text token limit the way the real API is recorded to:
 * {@code 413 {"status":413,"message":"Tokens limit exceeded for index I: N (max M)"}}, naming the first such text of
 * the request. Its tokens are a third of the code points, more than the plugin's estimate for plain English letters,
 * so chunks the chunker thinks fit can be refused. Accepted texts get deterministic 8-dimensional vectors.
 */
final class TokenLimitServer implements AutoCloseable {
    static final int DIMENSIONS = 8;

    private final WireMockServer server;
    private final AtomicLong embeddedTexts = new AtomicLong();

    TokenLimitServer(int maxTokensPerText) {
        server = new WireMockServer(
                wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new Limit(maxTokensPerText)));
        server.start();
        server.stubFor(post("/api/v2/oauth")
                .willReturn(okJson("{\"access_token\":\"test-token\",\"expires_at\":"
                        + Instant.now().plus(Duration.ofHours(1)).toEpochMilli() + "}")));
        server.stubFor(post("/api/v1/embeddings").willReturn(aResponse().withTransformers("token-limit")));
    }

    /** The tokens this server counts for a text: a third of its code points, at least 1. */
    static long tokens(String text) {
        return Math.max(1, text.codePointCount(0, text.length()) / 3);
    }

    /** The vector this server answers for a text. */
    static float[] vector(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            float[] vector = new float[DIMENSIONS];
            for (int i = 0; i < DIMENSIONS; i++) {
                vector[i] = (hash[i] - 0.5f) / 128f;
            }
            return vector;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    GigaChatClient client() {
        return GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(URI.create(server.baseUrl() + "/api/v2/oauth"))
                        .baseUrl(URI.create(server.baseUrl() + "/api/v1"))
                        .timeout(Duration.ofSeconds(10))
                        .sleeper(d -> {})
                        .build(),
                new SecretMasker());
    }

    static GigaChatSession session(GigaChatClient client) {
        return client.session(
                AuthorizationKey.fromClientCredentials(
                        "0b6a1c58-3d4e-4f1a-9c2b-7e8f9a0b1c2d", "c0ffee00-aaaa-bbbb-cccc-1234567890ab"),
                Scope.B2B);
    }

    /** {@code POST /embeddings} requests received. */
    int embeddingRequests() {
        return server.findAll(postRequestedFor(urlEqualTo("/api/v1/embeddings")))
                .size();
    }

    /** Texts answered with a vector. */
    long embeddedTexts() {
        return embeddedTexts.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Limit implements ResponseDefinitionTransformerV2 {
        private final int max;

        Limit(int max) {
            this.max = max;
        }

        @Override
        public String getName() {
            return "token-limit";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            JsonNode request;
            try {
                request = JsonTrees.MAPPER.readTree(event.getRequest().getBody());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> texts = new ArrayList<>();
            request.path("input").forEach(text -> texts.add(text.asText()));
            for (int i = 0; i < texts.size(); i++) {
                long tokens = tokens(texts.get(i));
                if (tokens > max) {
                    return ResponseDefinitionBuilder.responseDefinition()
                            .withStatus(413)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"status\":413,\"message\":\"Tokens limit exceeded for index " + i + ": "
                                    + tokens + " (max " + max + ")\"}")
                            .build();
                }
            }
            ObjectNode root =
                    JsonTrees.MAPPER.createObjectNode().put("object", "list").put("model", "Embeddings");
            ArrayNode data = root.putArray("data");
            for (int i = 0; i < texts.size(); i++) {
                ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
                ArrayNode vector = item.putArray("embedding");
                for (float component : vector(texts.get(i))) {
                    vector.add(component);
                }
                item.putObject("usage").put("prompt_tokens", tokens(texts.get(i)) + 5);
            }
            embeddedTexts.addAndGet(texts.size());
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(root.toString())
                    .build();
        }
    }
}
