package io.github.gigachat.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GigaChatClientTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String KEY = Base64.getEncoder()
            .encodeToString("0b6a1c58-3d4e-4f1a-9c2b-7e8f9a0b1c2d:c0ffee00-aaaa-bbbb-cccc-1234567890ab"
                    .getBytes(StandardCharsets.UTF_8));
    private static final String TOKEN =
            "eyJjdHkiOiJqd3QiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIiwiYWxnIjoiUlNBLU9BRVAtMjU2In0.token";

    private final List<Duration> waits = new ArrayList<>();
    private final SecretMasker masker = new SecretMasker();
    private GigaChatClient client;
    private AuthorizationKey key;

    @BeforeEach
    void setUp() {
        client = GigaChatClient.create(config(ClientConfig.builder()).build(), masker);
        key = KeyFormat.check(KEY).key();
    }

    private ClientConfig.Builder config(ClientConfig.Builder builder) {
        return builder.authUrl(URI.create(server.baseUrl() + "/api/v2/oauth"))
                .baseUrl(URI.create(server.baseUrl() + "/api/v1"))
                .timeout(Duration.ofSeconds(2))
                .sleeper(waits::add);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static void tokenAnswers(long expiresAtMillis) {
        server.stubFor(post("/api/v2/oauth")
                .willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_at\":" + expiresAtMillis + "}")));
    }

    private static long inThirtyMinutes() {
        return Instant.now().plus(Duration.ofMinutes(30)).toEpochMilli();
    }

    @Test
    void exchangesTheKeyExactlyAsTheApiDocumentsIt() {
        tokenAnswers(1706026848841L);

        AccessToken token = client.requestToken(key, Scope.B2B);

        assertThat(token.expiresAt()).isEqualTo(Instant.ofEpochMilli(1706026848841L));
        assertThat(token.scope()).isEqualTo(Scope.B2B);
        server.verify(postRequestedFor(urlEqualTo("/api/v2/oauth"))
                .withHeader("Authorization", equalTo("Basic " + KEY))
                .withHeader("RqUID", matching("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"))
                .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("User-Agent", matching("gigachat-maven-plugin/.+"))
                .withRequestBody(equalTo("scope=GIGACHAT_API_B2B")));
        assertThat(masker.mask("token " + TOKEN)).isEqualTo("token ****");
    }

    @Test
    void sendsAFreshRqUidEveryTime() {
        tokenAnswers(inThirtyMinutes());
        client.requestToken(key, Scope.PERS);
        client.requestToken(key, Scope.PERS);
        List<String> ids = server.findAll(postRequestedFor(urlEqualTo("/api/v2/oauth"))).stream()
                .map(r -> r.getHeader("RqUID"))
                .toList();
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void readsTheOldShapeWithExpiryInSeconds() {
        server.stubFor(post("/api/v2/oauth").willReturn(okJson("{\"tok\":\"" + TOKEN + "\",\"exp\":1706026848}")));
        assertThat(client.requestToken(key, Scope.PERS).expiresAt()).isEqualTo(Instant.ofEpochSecond(1706026848));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "400|4|Can't decode 'Authorization' header",
                "400|7|scope from db not fully includes consumed scope",
                "400|5|scope is empty",
                "400|1|scope data format invalid",
                "401|6|credentials doesn't match db data",
                "401|7|scope from db not fully includes consumed scope",
                "401|4|Can't decode 'Authorization' header"
            })
    void keepsStatusCodeMessageAndRequestIdOfOAuthErrors(String row) {
        String[] parts = row.split("\\|");
        server.stubFor(post("/api/v2/oauth")
                .willReturn(aResponse()
                        .withStatus(Integer.parseInt(parts[0]))
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Request-Id", "req-123")
                        .withBody("{\"code\":" + parts[1] + ",\"message\":\"" + parts[2] + "\"}")));

        assertThatThrownBy(() -> client.requestToken(key, Scope.PERS)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(Integer.parseInt(parts[0]));
            assertThat(e.code()).contains(Integer.parseInt(parts[1]));
            assertThat(e.apiMessage()).contains(parts[2]);
            assertThat(e.requestId()).contains("req-123");
            assertThat(e.getMessage()).doesNotContain(KEY);
        });
        server.verify(1, postRequestedFor(urlEqualTo("/api/v2/oauth")));
    }

    @Test
    void aBadRequestWithoutBodyKeepsItsStatus() {
        server.stubFor(post("/api/v2/oauth").willReturn(aResponse().withStatus(400)));
        assertThatThrownBy(() -> client.requestToken(key, Scope.PERS)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEmpty();
        });
    }

    @Test
    void aTokenAnswerWithoutTokenIsUnexpectedAndNeverQuoted() {
        server.stubFor(post("/api/v2/oauth").willReturn(okJson("{\"token\":\"" + TOKEN + "\"}")));
        assertThatThrownBy(() -> client.requestToken(key, Scope.PERS))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("no 'access_token'")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void malformedTokenJsonIsNotQuotedInTheError() {
        server.stubFor(post("/api/v2/oauth")
                .willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_at\":17060268488 41}")));
        assertThatThrownBy(() -> client.requestToken(key, Scope.PERS))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("malformed JSON")
                .hasMessageNotContaining(TOKEN)
                .hasNoCause();
    }

    @Test
    void readsModelsWithBearerToken() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/models")
                .willReturn(okJson("{\"object\":\"list\",\"data\":[{\"id\":\"Embeddings\",\"object\":\"model\","
                        + "\"owned_by\":\"salutedevices\",\"type\":\"embedder\",\"new\":1},{\"id\":\"GigaChat\"}]}")));

        List<ModelInfo> models = client.session(key, Scope.PERS).models();

        assertThat(models).extracting(ModelInfo::id).containsExactly("Embeddings", "GigaChat");
        assertThat(models.get(0).isEmbedder()).isTrue();
        server.verify(
                getRequestedFor(urlEqualTo("/api/v1/models")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void readsBalanceWithIntegerAndFloatValues() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/balance")
                .willReturn(okJson("{\"balance\":[{\"usage\":\"Embeddings\",\"value\":9999967},"
                        + "{\"usage\":\"GigaChat-Pro\",\"value\":991490.5}]}")));

        Balance balance = client.session(key, Scope.PERS).balance();

        assertThat(balance.of("embeddings")).contains(new BigDecimal("9999967"));
        assertThat(balance.of("gigachat-pro")).contains(new BigDecimal("991490.5"));
        assertThat(balance.of("GigaChat-Max")).isEmpty();
    }

    @Test
    void ordersEmbeddingsByIndexNotByPosition() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(
                post("/api/v1/embeddings")
                        .willReturn(
                                okJson(
                                        "{\"object\":\"list\",\"model\":\"Embeddings\",\"data\":["
                                                + "{\"object\":\"embedding\",\"index\":1,\"embedding\":[4.5,-6.0],\"usage\":{\"prompt_tokens\":7}},"
                                                + "{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.25,1],\"usage\":{\"prompt_tokens\":6}}]}")));

        EmbeddingResponse response = client.session(key, Scope.PERS).embed("Embeddings", List.of("a", "b"));

        assertThat(response.embeddings()).extracting(Embedding::index).containsExactly(0, 1);
        assertThat(response.embeddings().get(0).vector()).containsExactly(0.25f, 1f);
        assertThat(response.embeddings().get(1).vector()).containsExactly(4.5f, -6.0f);
        assertThat(response.billedTokens()).isEqualTo(13);
        server.verify(postRequestedFor(urlEqualTo("/api/v1/embeddings"))
                .withRequestBody(equalTo("{\"model\":\"Embeddings\",\"input\":[\"a\",\"b\"]}")));
    }

    @Test
    void embeddingsThatDoNotCoverTheInputsAreUnexpected() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(post("/api/v1/embeddings").willReturn(okJson("{\"data\":[{\"index\":0,\"embedding\":[1.0]}]}")));
        assertThatThrownBy(() -> client.session(key, Scope.PERS).embed("Embeddings", List.of("a", "b")))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("1 embeddings for 2 inputs");
    }

    @Test
    void countsTokens() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(post("/api/v1/tokens/count")
                .willReturn(okJson("[{\"object\":\"tokens\",\"tokens\":2,\"characters\":10}]")));
        assertThat(client.session(key, Scope.PERS).countTokens("GigaChat", List.of("First text")))
                .containsExactly(new TokenCount(2, 10));
    }

    @Test
    void after401FetchesANewTokenAndRetriesOnce() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/models")
                .inScenario("expiry")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":401,\"message\":\"Token has expired\"}"))
                .willSetStateTo("renewed"));
        server.stubFor(get("/api/v1/models")
                .inScenario("expiry")
                .whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"data\":[]}")));

        assertThat(client.session(key, Scope.PERS).models()).isEmpty();
        server.verify(2, postRequestedFor(urlEqualTo("/api/v2/oauth")));
        server.verify(2, getRequestedFor(urlEqualTo("/api/v1/models")));
    }

    @Test
    void aSecond401IsReportedNotLooped() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/models")
                .willReturn(
                        aResponse().withStatus(401).withBody("{\"status\":401,\"message\":\"Token has expired\"}")));
        assertThatThrownBy(() -> client.session(key, Scope.PERS).models())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        server.verify(2, getRequestedFor(urlEqualTo("/api/v1/models")));
    }

    @Test
    void refreshesTheToken60SecondsBeforeItExpires() {
        tokenAnswers(Instant.now().plusSeconds(59).toEpochMilli());
        server.stubFor(get("/api/v1/models").willReturn(okJson("{\"data\":[]}")));
        GigaChatSession session = client.session(key, Scope.PERS);
        session.models();
        session.models();
        server.verify(2, postRequestedFor(urlEqualTo("/api/v2/oauth")));
    }

    @Test
    void reusesAValidToken() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/models").willReturn(okJson("{\"data\":[]}")));
        GigaChatSession session = client.session(key, Scope.PERS);
        session.models();
        session.models();
        server.verify(1, postRequestedFor(urlEqualTo("/api/v2/oauth")));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 402, 403, 404, 413, 422})
    void neverRetriesClientErrors(int status) {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/balance")
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("X-Request-Id", "rid-9")
                        .withBody("{\"status\":" + status + ",\"message\":\"Payment Required\"}")));

        assertThatThrownBy(() -> client.session(key, Scope.PERS).balance())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.requestId()).contains("rid-9");
                    assertThat(e.isTransient()).isFalse();
                });
        server.verify(1, getRequestedFor(urlEqualTo("/api/v1/balance")));
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void retriesThrottlingAndServerErrorsThenSucceeds(int status) {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/models")
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(status))
                .willSetStateTo("ok"));
        server.stubFor(get("/api/v1/models")
                .inScenario("flaky")
                .whenScenarioStateIs("ok")
                .willReturn(okJson("{\"data\":[{\"id\":\"GigaChat\"}]}")));

        assertThat(client.session(key, Scope.PERS).models()).hasSize(1);
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(client.retryCount()).isEqualTo(1);
    }

    @Test
    void honoursRetryAfter() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/models")
                .inScenario("throttled")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3"))
                .willSetStateTo("ok"));
        server.stubFor(get("/api/v1/models")
                .inScenario("throttled")
                .whenScenarioStateIs("ok")
                .willReturn(okJson("{\"data\":[]}")));

        client.session(key, Scope.PERS).models();
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void embeddingsWithOnThrottleThrowReportA429AtOnceWithItsRetryAfter() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(post("/api/v1/embeddings")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "7")
                        .withBody("{\"status\":429,\"message\":\"Too many requests\"}")));

        assertThatThrownBy(() -> client.session(key, Scope.PERS)
                        .embed("Embeddings", List.of("a"), GigaChatSession.OnThrottle.THROW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).contains(7L);
                });
        server.verify(1, postRequestedFor(urlEqualTo("/api/v1/embeddings")));
        assertThat(waits).isEmpty();
        assertThat(client.retryCount()).isZero();
    }

    @Test
    void embeddingsWithOnThrottleThrowStillRetryServerErrors() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(post("/api/v1/embeddings")
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("ok"));
        server.stubFor(post("/api/v1/embeddings")
                .inScenario("flaky")
                .whenScenarioStateIs("ok")
                .willReturn(okJson("{\"data\":[{\"index\":0,\"embedding\":[1.0,2.0]}]}")));

        EmbeddingResponse response =
                client.session(key, Scope.PERS).embed("Embeddings", List.of("a"), GigaChatSession.OnThrottle.THROW);
        assertThat(response.embeddings().get(0).vector()).containsExactly(1f, 2f);
        assertThat(waits).hasSize(1);
        server.verify(2, postRequestedFor(urlEqualTo("/api/v1/embeddings")));
    }

    @Test
    void embeddingsRetryA429ByDefault() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(post("/api/v1/embeddings")
                .inScenario("throttled")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
                .willSetStateTo("ok"));
        server.stubFor(post("/api/v1/embeddings")
                .inScenario("throttled")
                .whenScenarioStateIs("ok")
                .willReturn(okJson("{\"data\":[{\"index\":0,\"embedding\":[1.0]}]}")));

        client.session(key, Scope.PERS).embed("Embeddings", List.of("a"));
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastError() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/models").willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> client.session(key, Scope.PERS).models())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
        server.verify(4, getRequestedFor(urlEqualTo("/api/v1/models")));
        assertThat(waits).hasSize(3);
        assertThat(waits.get(2)).isGreaterThan(waits.get(0));
    }

    @Test
    void retriesTransportFailuresAndThenReportsThem() {
        try (GigaChatClient closed = GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(URI.create("http://127.0.0.1:1/api/v2/oauth"))
                        .baseUrl(URI.create("http://127.0.0.1:1/api/v1"))
                        .sleeper(waits::add)
                        .build(),
                masker)) {
            assertThatThrownBy(() -> closed.requestToken(key, Scope.PERS))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("Cannot connect")
                    .hasMessageContaining("127.0.0.1:1");
            assertThat(waits).hasSize(3);
            assertThat(closed.requestCount()).isEqualTo(4);
        }
    }

    @Test
    void timesOutASlowServer() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/models").willReturn(okJson("{\"data\":[]}").withFixedDelay(3000)));
        try (GigaChatClient impatient = GigaChatClient.create(
                config(ClientConfig.builder())
                        .timeout(Duration.ofSeconds(1))
                        .retryPolicy(RetryPolicy.NONE)
                        .build(),
                masker)) {
            assertThatThrownBy(() -> impatient.session(key, Scope.PERS).models())
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isTimeout())
                            .isTrue())
                    .hasMessageContaining("timed out after 1 s");
        }
    }

    @Test
    void anHtmlPageWithStatus200IsNotASuccess() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/balance")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Please log in</body></html>")));
        assertThatThrownBy(() -> client.session(key, Scope.PERS).balance())
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("HTML page");
    }

    @Test
    void anEmptyBodyIsNotASuccess() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/balance").willReturn(aResponse().withStatus(200)));
        assertThatThrownBy(() -> client.session(key, Scope.PERS).balance())
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("empty body");
    }

    @Test
    void jsonOfAnotherShapeIsNotASuccess() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/balance").willReturn(okJson("{\"balance\":\"plenty\"}")));
        assertThatThrownBy(() -> client.session(key, Scope.PERS).balance())
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("'balance' list");
    }

    @Test
    void aRedirectIsNotFollowedAndNotASuccess() {
        tokenAnswers(inThirtyMinutes());
        server.stubFor(get("/api/v1/models")
                .willReturn(aResponse().withStatus(302).withHeader("Location", "https://sso.example.com/login")));
        assertThatThrownBy(() -> client.session(key, Scope.PERS).models())
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("redirects to sso.example.com");
    }

    @Test
    void errorMessagesNeverEchoTheKey() {
        server.stubFor(post("/api/v2/oauth")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody("{\"code\":4,\"message\":\"bad header Basic " + KEY + "\"}")));
        key.registerWith(masker);
        assertThatThrownBy(() -> client.requestToken(key, Scope.PERS)).hasMessageNotContaining(KEY);
    }
}
