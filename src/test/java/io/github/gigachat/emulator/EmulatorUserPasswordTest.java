package io.github.gigachat.emulator;

import static io.github.gigachat.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmulatorUserPasswordTest {
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private static final String UNAUTHORIZED = "{\"status\":401,\"message\":\"Unauthorized\"}";
    private static final EmulatorAccount PERS = EmulatorAccount.DEMO_PERS_PAID;

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

    private HttpResponse<String> login(String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/token"))
                .timeout(Duration.ofSeconds(5))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDemoUserGetsATokenInTheTokExpShapeWithSecondsThatTheApiAccepts() {
        HttpResponse<String> response = login(basic(EmulatorAccount.DEMO_USER, EmulatorAccount.DEMO_PASSWORD), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response);
        assertThat(body.fieldNames()).toIterable().containsExactly("tok", "exp");
        assertThat(body.get("exp").isIntegralNumber()).isTrue();
        assertThat(body.get("exp").asLong())
                .isEqualTo(START.plus(Duration.ofMinutes(30)).getEpochSecond());
        String token = body.get("tok").asText();
        assertThat(emulator.issuedTokens()).containsExactly(token);
        HttpResponse<String> models = http.get("/models", token);
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(json(models).get("data").size()).isEqualTo(PERS.models().size());
        assertThat(emulator.stats().requests(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isZero();
    }

    @Test
    void acceptsTheScopeFormBodyThatTheJavaSdkSends() {
        HttpResponse<String> response =
                login(basic(EmulatorAccount.DEMO_USER, EmulatorAccount.DEMO_PASSWORD), "scope=GIGACHAT_API_PERS");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(http.get("/balance", json(response).get("tok").asText()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theTokenActsForTheUsersAccount() {
        EmulatorAccount own = EmulatorAccount.prepaid(
                        UUID.randomUUID().toString(), "secret", "GIGACHAT_API_B2B", Map.of("embeddings", 77L))
                .withUser("ci-robot", "p@ss:word with colon");
        emulator.addAccount(own);

        HttpResponse<String> response = login(basic("ci-robot", "p@ss:word with colon"), null);
        HttpResponse<String> balance =
                http.get("/balance", json(response).get("tok").asText());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(balance).get("balance").get(0).get("value").asLong()).isEqualTo(77L);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "wrong-password",
                "unknown-user",
                "no-header",
                "bearer",
                "not-base64",
                "no-colon",
                "empty",
                "client-id-and-secret"
            })
    void refusesEverythingButTheRightUserAndPasswordWith401Unauthorized(String attempt) {
        String authorization =
                switch (attempt) {
                    case "wrong-password" -> basic(EmulatorAccount.DEMO_USER, "demo-passwort");
                    case "unknown-user" -> basic("demo-user2", EmulatorAccount.DEMO_PASSWORD);
                    case "no-header" -> null;
                    case "bearer" ->
                        "Bearer "
                                + basic(EmulatorAccount.DEMO_USER, EmulatorAccount.DEMO_PASSWORD)
                                        .substring("Basic ".length());
                    case "not-base64" -> "Basic %%%";
                    case "no-colon" ->
                        "Basic " + Base64.getEncoder().encodeToString("demo-user".getBytes(StandardCharsets.UTF_8));
                    case "empty" -> "Basic ";
                    case "client-id-and-secret" -> "Basic " + PERS.authorizationKey();
                    default -> throw new IllegalArgumentException(attempt);
                };

        HttpResponse<String> response = login(authorization, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
        assertThat(emulator.issuedTokens()).isEmpty();
        assertThat(emulator.stats().requests(Endpoint.TOKEN)).isEqualTo(1);
    }

    @Test
    void aRevokedAccountRefusesItsUserAndItsTokens() {
        String before = json(login(basic(EmulatorAccount.DEMO_USER, EmulatorAccount.DEMO_PASSWORD), null))
                .get("tok")
                .asText();

        emulator.addAccount(PERS.revoked());
        HttpResponse<String> login = login(basic(EmulatorAccount.DEMO_USER, EmulatorAccount.DEMO_PASSWORD), null);
        HttpResponse<String> models = http.get("/models", before);

        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.body()).isEqualTo(UNAUTHORIZED);
        assertThat(models.statusCode()).isEqualTo(401);
        assertThat(models.body()).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void theTokenExpiresAfterTheTokenTtl() {
        String token = json(login(basic(EmulatorAccount.DEMO_USER, EmulatorAccount.DEMO_PASSWORD), null))
                .get("tok")
                .asText();
        clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertThat(http.get("/models", token).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMillis(1));
        HttpResponse<String> expired = http.get("/models", token);

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).isEqualTo("{\"status\":401,\"message\":\"Token has expired\"}");
    }

    @Test
    void onlyPostIsServedAtTheTokenPath() {
        HttpResponse<String> get = http.get("/token", null);

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(emulator.stats().requests(Endpoint.TOKEN)).isEqualTo(1);
    }

    @Test
    void aFaultCanTargetTheTokenEndpoint() {
        emulator.injectFault(Fault.on(Endpoint.TOKEN).status(503, "{\"status\":503,\"message\":\"down\"}"));

        assertThat(login(basic(EmulatorAccount.DEMO_USER, EmulatorAccount.DEMO_PASSWORD), null)
                        .statusCode())
                .isEqualTo(503);
        assertThat(login(basic(EmulatorAccount.DEMO_USER, EmulatorAccount.DEMO_PASSWORD), null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void twoAccountsCannotShareAUser() {
        EmulatorAccount other = EmulatorAccount.postpaid(UUID.randomUUID().toString(), "s", "GIGACHAT_API_CORP")
                .withUser(EmulatorAccount.DEMO_USER, "another");

        assertThatThrownBy(() -> emulator.addAccount(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give each account its own user")
                .hasMessageNotContaining("another");
        emulator.addAccount(PERS.withUser(EmulatorAccount.DEMO_USER, "changed")); // the same account may change it
        assertThat(login(basic(EmulatorAccount.DEMO_USER, "changed"), null).statusCode())
                .isEqualTo(200);
    }
}
