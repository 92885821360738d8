package io.github.gigachat.emulator;

import static io.github.gigachat.emulator.EmulatorHttp.inputBody;
import static io.github.gigachat.emulator.EmulatorHttp.json;
import static io.github.gigachat.emulator.GigaChatEmulatorTest.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmulatorFaultsTest {
    private static final EmulatorAccount PERS = EmulatorAccount.DEMO_PERS_PAID;

    private GigaChatEmulator emulator;
    private EmulatorHttp http;
    private String token;

    @BeforeEach
    void start() throws Exception {
        emulator = GigaChatEmulator.builder().demoAccounts().start();
        http = new EmulatorHttp(emulator);
        token = http.accessToken(PERS);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void statusFaultAppliesTheGivenNumberOfTimesThenNormalAnswersResume() {
        emulator.injectFault(Fault.on(Endpoint.MODELS)
                .times(2)
                .status(503, "{\"status\":503,\"message\":\"Service Unavailable\"}", Map.of("Retry-After", "7")));

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = http.get("/models", token);
            assertApiError(response, 503, "Service Unavailable");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        }
        assertThat(http.get("/models", token).statusCode()).isEqualTo(200);
        assertThat(emulator.stats().requests(Endpoint.MODELS)).isEqualTo(3);
    }

    @Test
    void aFaultWithoutKindAnswers500() {
        emulator.injectFault(Fault.on(Endpoint.BALANCE));

        assertApiError(http.get("/balance", token), 500, "Internal Server Error");
        assertThat(http.get("/balance", token).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsOnlyHitTheirEndpointAndAreMatchedInOrder() {
        emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS).status(402, "{\"status\":402,\"message\":\"first\"}"));
        emulator.injectFault(Fault.on(Endpoint.ANY).status(500, "{\"status\":500,\"message\":\"second\"}"));
        emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS).status(503, "{\"status\":503,\"message\":\"third\"}"));

        assertApiError(http.get("/models", token), 500, "second");
        assertApiError(http.post("/embeddings", token, inputBody("Embeddings", "a")), 402, "first");
        assertApiError(http.post("/embeddings", token, inputBody("Embeddings", "a")), 503, "third");
        assertThat(http.post("/embeddings", token, inputBody("Embeddings", "a")).statusCode())
                .isEqualTo(200);
        assertThat(emulator.balance(PERS.clientId(), "embeddings")).isEqualTo(1_000_000L - 6);
    }

    @Test
    void oauthFaultsReplaceTheTokenAnswer() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH).status(429, "{\"code\":0,\"message\":\"slow down\"}"));

        HttpResponse<String> response = http.token(PERS.authorizationKey(), PERS.scope());
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(json(response).get("message").asText()).isEqualTo("slow down");
        assertThat(emulator.issuedTokens()).hasSize(1);
        assertThat(http.get("/models", token).statusCode()).isEqualTo(200);
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isEqualTo(2);
    }

    @Test
    void htmlFaultAnswersALoginPageWith200() {
        emulator.injectFault(Fault.on(Endpoint.MODELS).html());

        HttpResponse<String> response = http.get("/models", token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.body()).startsWith("<!DOCTYPE html>").contains("password");
    }

    @Test
    void emptyBodyFaultAnswers200WithNothing() {
        emulator.injectFault(Fault.on(Endpoint.BALANCE).emptyBody());

        HttpResponse<String> response = http.get("/balance", token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("0");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void malformedJsonFaultAnswersATruncatedDocument() {
        emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS).malformedJson());

        HttpResponse<String> response = http.post("/embeddings", token, inputBody("Embeddings", "a"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThatThrownBy(() -> EmulatorHttp.JSON.readTree(response.body()))
                .isInstanceOf(JsonProcessingException.class);
        assertThat(emulator.stats().billedTokens()).isZero();
    }

    @Test
    void unexpectedShapeFaultAnswersValidJsonOfTheWrongShape() {
        emulator.injectFault(Fault.on(Endpoint.MODELS).unexpectedShape());

        HttpResponse<String> response = http.get("/models", token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("foo").asInt()).isEqualTo(1);
        assertThat(json(response).has("data")).isFalse();
    }

    @Test
    void redirectFaultSendsTheClientToALoginPage() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH).redirect("https://login.example/sso"));

        HttpResponse<String> response = http.token(PERS.authorizationKey(), PERS.scope());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("https://login.example/sso");
    }

    @Test
    void delayFaultDelaysAndThenAnswersNormally() {
        emulator.injectFault(Fault.on(Endpoint.MODELS).delay(Duration.ofMillis(300)));

        long started = System.nanoTime();
        HttpResponse<String> response = http.get("/models", token);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("data").size()).isPositive();
    }

    @Test
    void delayFaultMakesClientTimeoutsFire() {
        emulator.injectFault(Fault.on(Endpoint.BALANCE).delay(Duration.ofSeconds(5)));

        assertThatThrownBy(() -> http.send(http.api("/balance", token)
                        .timeout(Duration.ofMillis(200))
                        .GET()
                        .build()))
                .hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void dropConnectionFaultClosesWithoutAnAnswer() throws IOException {
        emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS).dropConnection());
        EmulatorHttp fresh = new EmulatorHttp(
                emulator,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());

        assertThatThrownBy(() -> fresh.post("/embeddings", token, inputBody("Embeddings", "a")))
                .isInstanceOf(UncheckedIOException.class);

        emulator.injectFault(Fault.on(Endpoint.ANY).dropConnection());
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(emulator.stats().embeddedTexts()).isZero();
    }

    @Test
    void faultsCanBeCleared() {
        emulator.injectFault(Fault.on(Endpoint.MODELS).times(5).html());
        emulator.clearFaults();

        assertThat(http.get("/models", token).statusCode()).isEqualTo(200);
        assertThat(http.get("/models", token).headers().firstValue("Content-Type"))
                .hasValue("application/json");
    }

    @Test
    void faultsAreImmutableAndValidated() {
        Fault base = Fault.on(Endpoint.MODELS);
        Fault twice = base.times(2);

        assertThat(base.times()).isEqualTo(1);
        assertThat(twice.times()).isEqualTo(2);
        assertThat(twice.endpoint()).isEqualTo(Endpoint.MODELS);
        assertThatThrownBy(() -> base.times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.status(42, "{}")).isInstanceOf(IllegalArgumentException.class);
    }
}
