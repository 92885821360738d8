package io.github.gigachat.emulator;

import static io.github.gigachat.emulator.EmulatorHttp.inputBody;
import static io.github.gigachat.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GigaChatEmulatorTest {
    /** 30 minutes before the {@code expires_at} of the docs' example response. */
    private static final Instant START = Instant.parse("2024-01-23T15:50:48.841Z");

    private static final EmulatorAccount PERS = EmulatorAccount.DEMO_PERS_PAID;
    private static final EmulatorAccount B2B = EmulatorAccount.DEMO_B2B_PAID;
    private static final EmulatorAccount CORP = EmulatorAccount.DEMO_CORP_POSTPAID;
    private static final EmulatorAccount UNPAID = EmulatorAccount.DEMO_PERS_UNPAID;

    private final MutableClock clock = new MutableClock(START);
    private GigaChatEmulator emulator;
    private EmulatorHttp http;

    @BeforeEach
    void start() throws Exception {
        emulator = GigaChatEmulator.builder().demoAccounts().clock(clock).start();
        http = new EmulatorHttp(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    // ---------------------------------------------------------------- OAuth

    @Test
    void issuesAJweLikeTokenThatExpiresInThirtyMinutesInMilliseconds() {
        HttpResponse<String> response = http.token(PERS.authorizationKey(), "GIGACHAT_API_PERS");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response);
        assertThat(body.get("expires_at").asLong()).isEqualTo(1706026848841L);
        String token = body.get("access_token").asText();
        assertThat(token).hasSizeGreaterThan(200).matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+){4}");
        assertThat(emulator.issuedTokens()).containsExactly(token);
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isEqualTo(1);
    }

    @Test
    void everyTokenIsNew() {
        String first = http.accessToken(PERS);
        String second = http.accessToken(PERS);

        assertThat(first).isNotEqualTo(second);
        assertThat(emulator.issuedTokens()).containsExactly(first, second);
    }

    @Test
    void answersTheOldSecondsShapeWhenConfigured() throws Exception {
        try (GigaChatEmulator old = GigaChatEmulator.builder()
                .account(PERS)
                .clock(clock)
                .expiresAtInSeconds(true)
                .start()) {
            JsonNode body = json(new EmulatorHttp(old).token(PERS.authorizationKey(), "GIGACHAT_API_PERS"));

            assertThat(body.get("exp").asLong()).isEqualTo(1706026848L);
            assertThat(body.get("tok").asText()).isEqualTo(old.issuedTokens().get(0));
            assertThat(body.has("access_token")).isFalse();
        }
    }

    @Test
    void acceptsTheKeyAfterBearerToo() {
        HttpResponse<String> response = http.oauth(
                Map.of("RqUID", UUID.randomUUID().toString(), "Authorization", "Bearer " + B2B.authorizationKey()),
                "scope=GIGACHAT_API_B2B");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "not-a-uuid", "6f1c2a3e7b4d4c5e9a10000000000001", "6f1c2a3e-7b4d-4c5e-9a10-00000000000g"})
    void rejectsAMissingOrMalformedRqUid(String rqUid) {
        Map<String, String> headers = rqUid.isEmpty()
                ? Map.of("Authorization", "Basic " + PERS.authorizationKey())
                : Map.of("RqUID", rqUid, "Authorization", "Basic " + PERS.authorizationKey());

        HttpResponse<String> response = http.oauth(headers, "scope=GIGACHAT_API_PERS");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).has("access_token")).isFalse();
        assertThat(emulator.issuedTokens()).isEmpty();
    }

    @Test
    void rejectsKeysThatAreNotAuthorizationKeysWithCode4() {
        String base64WithoutColon =
                Base64.getEncoder().encodeToString("justsomesecret".getBytes(StandardCharsets.UTF_8));
        List<String> wrongKeys = List.of(
                PERS.secret(), PERS.clientId(), "%%%not base64%%%", base64WithoutColon, PERS.authorizationKey() + "!");

        for (String key : wrongKeys) {
            assertOAuthError(http.token(key, "GIGACHAT_API_PERS"), 400, 4, "Can't decode 'Authorization' header");
        }
        assertOAuthError(
                http.oauth(Map.of("RqUID", UUID.randomUUID().toString()), "scope=GIGACHAT_API_PERS"),
                400,
                4,
                "Can't decode 'Authorization' header");
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isEqualTo(wrongKeys.size() + 1);
    }

    @Test
    void rejectsAnEmptyScopeWithCode5() {
        Map<String, String> headers =
                Map.of("RqUID", UUID.randomUUID().toString(), "Authorization", "Basic " + PERS.authorizationKey());

        assertOAuthError(http.oauth(headers, ""), 400, 5, "scope is empty");
        assertOAuthError(http.oauth(headers, "scope="), 400, 5, "scope is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GIGACHAT_API_FOO", "gigachat_api_pers", "GIGACHAT_API_PERS%20GIGACHAT_API_B2B", "%ZZ"})
    void rejectsAnUnknownScopeWithCode1(String scope) {
        assertOAuthError(http.token(PERS.authorizationKey(), scope), 400, 1, "scope data format invalid");
    }

    @Test
    void rejectsUnknownWrongOrRevokedCredentialsWithCode6() {
        EmulatorAccount stranger =
                EmulatorAccount.postpaid(UUID.randomUUID().toString(), "secret", "GIGACHAT_API_PERS");
        EmulatorAccount wrongSecret = EmulatorAccount.postpaid(PERS.clientId(), "wrong", "GIGACHAT_API_PERS");
        EmulatorAccount revoked = EmulatorAccount.postpaid(UUID.randomUUID().toString(), "s", "GIGACHAT_API_CORP");
        emulator.addAccount(revoked.revoked());

        for (EmulatorAccount account : List.of(stranger, wrongSecret, revoked)) {
            assertOAuthError(
                    http.token(account.authorizationKey(), account.scope()),
                    401,
                    6,
                    "credentials doesn't match db data");
        }
        assertThat(emulator.issuedTokens()).isEmpty();
    }

    @Test
    void rejectsARealKeyWithAnotherScopeWithCode7() {
        assertOAuthError(
                http.token(PERS.authorizationKey(), "GIGACHAT_API_B2B"),
                400,
                7,
                "scope from db not fully includes consumed scope");
        assertOAuthError(
                http.token(CORP.authorizationKey(), "GIGACHAT_API_PERS"),
                400,
                7,
                "scope from db not fully includes consumed scope");
    }

    private static void assertOAuthError(HttpResponse<String> response, int status, int code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("code").asInt()).isEqualTo(code);
        assertThat(body.get("message").asText()).isEqualTo(message);
    }

    // ---------------------------------------------------------------- bearer tokens

    @Test
    void apiCallsNeedAValidBearerToken() {
        String token = http.accessToken(PERS);

        assertApiError(http.get("/models", null), 401, "Unauthorized");
        assertApiError(http.get("/models", "made-up-token"), 401, "Unauthorized");
        assertApiError(
                http.send(http.api("/models", null)
                        .header("Authorization", "Basic " + token)
                        .GET()
                        .build()),
                401,
                "Unauthorized");
        assertThat(http.get("/models", token).statusCode()).isEqualTo(200);
    }

    @Test
    void expireAllTokensExpiresOnlyTheTokensIssuedSoFar() {
        String old = http.accessToken(PERS);
        emulator.expireAllTokens();
        String fresh = http.accessToken(PERS);

        assertApiError(http.get("/balance", old), 401, "Token has expired");
        assertThat(http.get("/balance", fresh).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensExpireByTheClockAfterTheirTtl() {
        String token = http.accessToken(PERS);

        clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertThat(http.get("/models", token).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMillis(1));
        assertApiError(http.get("/models", token), 401, "Token has expired");
    }

    @Test
    void tokenTtlIsConfigurable() throws Exception {
        try (GigaChatEmulator shortLived = GigaChatEmulator.builder()
                .account(PERS)
                .clock(clock)
                .tokenTtl(Duration.ofMinutes(1))
                .start()) {
            EmulatorHttp client = new EmulatorHttp(shortLived);
            HttpResponse<String> response = client.token(PERS.authorizationKey(), PERS.scope());

            assertThat(json(response).get("expires_at").asLong())
                    .isEqualTo(START.plus(Duration.ofMinutes(1)).toEpochMilli());
        }
    }

    @Test
    void apiAnswersCarryRequestAndSessionIds() {
        String token = http.accessToken(PERS);

        HttpResponse<String> ok = http.get("/models", token);
        HttpResponse<String> again = http.get("/models", token);
        HttpResponse<String> unauthorized = http.get("/models", null);

        for (HttpResponse<String> response : List.of(ok, again, unauthorized)) {
            assertThat(response.headers().firstValue("X-Request-Id")).hasValueSatisfying(GigaChatEmulatorTest::isUuid);
            assertThat(response.headers().firstValue("X-Session-Id")).isPresent();
        }
        assertThat(ok.headers().firstValue("X-Request-Id"))
                .isNotEqualTo(again.headers().firstValue("X-Request-Id"));
        assertThat(ok.headers().firstValue("X-Session-Id"))
                .isEqualTo(again.headers().firstValue("X-Session-Id"));
        assertThat(ok.headers().firstValue("X-Session-Id").orElseThrow()).doesNotContain(token);
    }

    private static void isUuid(String value) {
        assertThat(UUID.fromString(value).toString()).isEqualTo(value);
    }

    // ---------------------------------------------------------------- models and balance

    @Test
    void listsChatModelsAndEmbedders() {
        JsonNode body = json(http.get("/models", http.accessToken(PERS)));

        assertThat(body.get("object").asText()).isEqualTo("list");
        Map<String, String> types = new java.util.HashMap<>();
        for (JsonNode model : body.get("data")) {
            assertThat(model.get("object").asText()).isEqualTo("model");
            assertThat(model.get("owned_by").asText()).isEqualTo("salutedevices");
            types.put(model.get("id").asText(), model.get("type").asText());
        }
        assertThat(types)
                .containsEntry("GigaChat", "chat")
                .containsEntry("GigaChat-Pro", "chat")
                .containsEntry("GigaChat-Max", "chat")
                .containsEntry("Embeddings", "embedder")
                .containsEntry("Embeddings-2", "embedder")
                .containsEntry("EmbeddingsGigaR", "embedder");
        assertThat(emulator.stats().requests(Endpoint.MODELS)).isEqualTo(1);
    }

    @Test
    void findsAModelByIdOrAnswers404() {
        String token = http.accessToken(PERS);

        JsonNode model = json(http.get("/models/EmbeddingsGigaR", token));
        assertThat(model.get("id").asText()).isEqualTo("EmbeddingsGigaR");
        assertThat(model.get("type").asText()).isEqualTo("embedder");
        assertApiError(http.get("/models/NoSuchThing", token), 404, "No such model");
        assertThat(emulator.stats().requests(Endpoint.MODEL)).isEqualTo(2);
    }

    @Test
    void anAccountCanBeRestrictedToSomeModels() {
        EmulatorAccount limited = EmulatorAccount.postpaid(UUID.randomUUID().toString(), "s", "GIGACHAT_API_CORP")
                .withModels(List.of("GigaChat", "Embeddings"));
        emulator.addAccount(limited);
        String token = http.accessToken(limited);

        List<String> ids = new ArrayList<>();
        json(http.get("/models", token))
                .get("data")
                .forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).containsExactly("GigaChat", "Embeddings");
        assertApiError(http.get("/models/EmbeddingsGigaR", token), 404, "No such model");
        assertApiError(http.post("/embeddings", token, inputBody("Embeddings-2", "x")), 404, "No such model");
        assertThatThrownBy(() -> limited.withModels(List.of("Nope"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prepaidAccountsSeeTheirCurrentBalance() {
        JsonNode body = json(http.get("/balance", http.accessToken(PERS)));

        assertThat(body.get("balance")).hasSize(2);
        assertThat(body.get("balance").get(0).get("usage").asText()).isEqualTo("embeddings");
        assertThat(body.get("balance").get(0).get("value").asLong()).isEqualTo(1_000_000L);
        assertThat(body.get("balance").get(1).get("usage").asText()).isEqualTo("GigaChat");

        emulator.setBalance(PERS.clientId(), "EMBEDDINGS", 42);
        JsonNode after = json(http.get("/balance", http.accessToken(PERS)));
        assertThat(after.get("balance").get(0).get("value").asLong()).isEqualTo(42);
        assertThat(emulator.balance(PERS.clientId(), "Embeddings")).isEqualTo(42);
    }

    @Test
    void unpaidAccountsListEmbeddingsAtZero() {
        JsonNode body = json(http.get("/balance", http.accessToken(UNPAID)));

        assertThat(body.get("balance")).hasSize(1);
        assertThat(body.get("balance").get(0).get("usage").asText()).isEqualTo("embeddings");
        assertThat(body.get("balance").get(0).get("value").asLong()).isZero();
    }

    @Test
    void postpaidAccountsMayNotReadTheirBalance() {
        assertApiError(http.get("/balance", http.accessToken(CORP)), 403, "Permission denied");
        assertThatThrownBy(() -> emulator.balance(CORP.clientId(), "embeddings"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> emulator.balance(UUID.randomUUID().toString(), "embeddings"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- embeddings

    @Test
    void embedsInIndexOrderAndBillsCountPlusOverhead() {
        HttpResponse<String> response =
                http.post("/embeddings", http.accessToken(PERS), inputBody("Embeddings", "First text", "Second text"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("model").asText()).isEqualTo("Embeddings");
        assertThat(body.has("usage")).isFalse();
        JsonNode data = body.get("data");
        assertThat(data).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(data.get(i).get("object").asText()).isEqualTo("embedding");
            assertThat(data.get(i).get("index").asInt()).isEqualTo(i);
            assertThat(data.get(i).get("usage").get("prompt_tokens").asInt()).isEqualTo(7);
        }
        assertThat(vectorOf(data.get(0))).isEqualTo(GigaChatEmulator.vector("Embeddings", "First text"));
        assertThat(vectorOf(data.get(1))).isEqualTo(GigaChatEmulator.vector("Embeddings", "Second text"));
        assertThat(emulator.balance(PERS.clientId(), "embeddings")).isEqualTo(1_000_000L - 14);
        assertThat(emulator.balance(PERS.clientId(), "GigaChat")).isEqualTo(1_000_000L);
        assertThat(emulator.stats().embeddedTexts()).isEqualTo(2);
        assertThat(emulator.stats().billedTokens()).isEqualTo(14);
    }

    @Test
    void vectorsAreDeterministicUnitLengthAndOfTheModelsDimension() {
        String token = http.accessToken(B2B);
        float[] first = vectorOf(json(http.post("/embeddings", token, inputBody("EmbeddingsGigaR", "hello")))
                .get("data")
                .get(0));
        float[] second = vectorOf(json(http.post("/embeddings", token, inputBody("EmbeddingsGigaR", "hello")))
                .get("data")
                .get(0));

        assertThat(first).hasSize(2560).isEqualTo(second);
        assertThat(norm(first)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(GigaChatEmulator.vector("Embeddings", "hello")).hasSize(1024);
        assertThat(GigaChatEmulator.vector("Embeddings-2", "hello")).hasSize(1024);
        assertThat(GigaChatEmulator.vector("Embeddings", "hello"))
                .isNotEqualTo(GigaChatEmulator.vector("Embeddings", "hello!"))
                .isNotEqualTo(GigaChatEmulator.vector("Embeddings-2", "hello"));
        assertThatThrownBy(() -> GigaChatEmulator.vector("GigaChat", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesWith402WhenTheBalanceCannotPayAndConsumesNothing() {
        emulator.setBalance(PERS.clientId(), "embeddings", 10);
        String token = http.accessToken(PERS);

        assertApiError(
                http.post("/embeddings", token, inputBody("Embeddings", "First text", "other")),
                402,
                "Payment Required");
        assertThat(emulator.balance(PERS.clientId(), "embeddings")).isEqualTo(10);
        assertThat(emulator.stats().billedTokens()).isZero();

        assertThat(http.post("/embeddings", token, inputBody("Embeddings", "First text"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(emulator.balance(PERS.clientId(), "embeddings")).isEqualTo(3);
        assertApiError(http.post("/embeddings", token, inputBody("Embeddings", "First text")), 402, "Payment Required");
        assertApiError(
                http.post("/embeddings", http.accessToken(UNPAID), inputBody("Embeddings", "x")),
                402,
                "Payment Required");
    }

    @Test
    void matchesTheEmbeddingsUsageCaseInsensitively() {
        EmulatorAccount account = EmulatorAccount.prepaid(
                UUID.randomUUID().toString(), "s", "GIGACHAT_API_B2B", Map.of("Embeddings", 100L));
        emulator.addAccount(account);

        assertThat(http.post("/embeddings", http.accessToken(account), inputBody("Embeddings", "abcd"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(emulator.balance(account.clientId(), "EMBEDDINGS")).isEqualTo(100 - 6);
    }

    @Test
    void postpaidAccountsAreAlwaysServedAndStillCounted() {
        String token = http.accessToken(CORP);

        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/embeddings", token, inputBody("Embeddings-2", "First text"))
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(emulator.stats().billedTokens()).isEqualTo(21);
        assertThat(emulator.stats().embeddedTexts()).isEqualTo(3);
    }

    @Test
    void validatesEmbeddingRequests() {
        String token = http.accessToken(PERS);

        assertThat(http.post("/embeddings", token, "{\"input\":[\"a\"]}").statusCode())
                .isEqualTo(422);
        assertApiError(http.post("/embeddings", token, inputBody("Nope", "a")), 404, "No such model");
        assertThat(http.post("/embeddings", token, inputBody("GigaChat", "a")).statusCode())
                .isEqualTo(422);
        assertThat(http.post("/embeddings", token, "{\"model\":\"Embeddings\"}").statusCode())
                .isEqualTo(422);
        assertThat(http.post("/embeddings", token, "{\"model\":\"Embeddings\",\"input\":[]}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(http.post("/embeddings", token, "{\"model\":\"Embeddings\",\"input\":\"a\"}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(http.post("/embeddings", token, "{\"model\":\"Embeddings\",\"input\":[1]}")
                        .statusCode())
                .isEqualTo(422);
        HttpResponse<String> garbage = http.post("/embeddings", token, "{\"model\":");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(json(garbage).get("status").asInt()).isEqualTo(400);
        assertThat(emulator.balance(PERS.clientId(), "embeddings")).isEqualTo(1_000_000L);
    }

    @Test
    void refusesOversizedRequestsWith413() {
        String token = http.accessToken(PERS);
        String[] tooMany = Collections.nCopies(101, "text").toArray(new String[0]);
        String tooLong = "abcd".repeat(4097);
        String longest = "abcd".repeat(4096);

        assertApiError(http.post("/embeddings", token, inputBody("Embeddings", tooMany)), 413, "Payload too large");
        assertApiError(
                http.post("/embeddings", token, inputBody("Embeddings", "ok", tooLong)), 413, "Payload too large");
        assertThat(emulator.balance(PERS.clientId(), "embeddings")).isEqualTo(1_000_000L);
        String[] hundred = Collections.nCopies(100, longest).toArray(new String[0]);
        assertThat(http.post("/embeddings", token, inputBody("Embeddings", hundred))
                        .statusCode())
                .isEqualTo(200);
        assertThat(emulator.balance(PERS.clientId(), "embeddings")).isEqualTo(1_000_000L - 100 * (4096 + 5));
    }

    private static float[] vectorOf(JsonNode item) {
        JsonNode embedding = item.get("embedding");
        float[] vector = new float[embedding.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = embedding.get(i).floatValue();
        }
        return vector;
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    // ---------------------------------------------------------------- tokens/count and routing

    @Test
    void countsTokensAndCodePoints() {
        HttpResponse<String> response = http.post(
                "/tokens/count", http.accessToken(PERS), inputBody("GigaChat", "First text", "Second text", "😀😀😀"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body).hasSize(3);
        assertThat(body.get(0).get("object").asText()).isEqualTo("tokens");
        assertThat(body.get(0).get("tokens").asInt()).isEqualTo(2);
        assertThat(body.get(0).get("characters").asInt()).isEqualTo(10);
        assertThat(body.get(1).get("characters").asInt()).isEqualTo(11);
        assertThat(body.get(2).get("tokens").asInt()).isEqualTo(1);
        assertThat(body.get(2).get("characters").asInt()).isEqualTo(3);
        assertThat(GigaChatEmulator.billedTokens("First text")).isEqualTo(7);
        assertApiError(
                http.post("/tokens/count", http.accessToken(PERS), inputBody("Nope", "a")), 404, "No such model");
        assertThat(emulator.stats().requests(Endpoint.TOKENS_COUNT)).isEqualTo(2);
        assertThat(emulator.balance(PERS.clientId(), "embeddings")).isEqualTo(1_000_000L);
    }

    @Test
    void answersUnknownPathsWith404AndWrongMethodsWith405() {
        String token = http.accessToken(PERS);

        assertApiError(http.get("/nothing-here", token), 404, "Not found");
        assertApiError(http.get("/models/a/b", token), 404, "Not found");
        HttpResponse<String> wrongMethod = http.get("/embeddings", token);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        assertThat(http.send(http.api("/../v2/oauth", null).GET().build()).statusCode())
                .isIn(404, 405);
        HttpResponse<String> head = http.send(http.api("/models", token)
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.body()).isEmpty();
        assertThat(emulator.stats().totalRequests()).isEqualTo(6);
    }

    @Test
    void aForgottenEmulatorCannotKeepTheJvmAlive() {
        http.accessToken(PERS); // a connection thread as well as the acceptor
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("gigachat-emulator-"))
                .toList();

        assertThat(threads).hasSizeGreaterThanOrEqualTo(2).allMatch(Thread::isDaemon);
    }

    @Test
    void describesItselfWithoutLeakingSecrets() {
        assertThat(PERS.toString()).doesNotContain(PERS.secret());
        assertThat(emulator.authUrl().toString()).isEqualTo("http://127.0.0.1:" + emulator.port() + "/api/v2/oauth");
        assertThat(emulator.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + emulator.port() + "/api/v1");
        assertThat(emulator.isHttps()).isFalse();
        assertThat(new String(Base64.getDecoder().decode(PERS.authorizationKey()), StandardCharsets.UTF_8))
                .isEqualTo(PERS.clientId() + ":" + PERS.secret());
        assertThatThrownBy(() -> EmulatorAccount.postpaid("not-a-uuid", "s", "GIGACHAT_API_PERS"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmulatorAccount.postpaid(UUID.randomUUID().toString(), "s", "GIGACHAT_API_X"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeIsIdempotentAndStopsServing() {
        emulator.close();
        emulator.close();

        assertThatThrownBy(() -> http.get("/models", null)).isInstanceOf(java.io.UncheckedIOException.class);
    }

    static void assertApiError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).isEqualTo(message);
    }
}
