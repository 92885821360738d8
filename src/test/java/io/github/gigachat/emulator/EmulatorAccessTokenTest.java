package io.github.gigachat.emulator;

import static io.github.gigachat.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens as a user holds them in {@code GIGACHAT_ACCESS_TOKEN}: obtained without HTTP, valid for the token TTL. */
class EmulatorAccessTokenTest {
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private GigaChatEmulator emulator;
    private EmulatorHttp http;

    @BeforeEach
    void start() throws Exception {
        emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .clock(clock)
                .tokenTtl(Duration.ofMinutes(10))
                .start();
        http = new EmulatorHttp(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void anIssuedTokenWorksAtTheApiWithoutAnyTokenRequest() {
        String token = emulator.issueToken(EmulatorAccount.DEMO_CORP_POSTPAID);

        assertThat(emulator.stats().totalRequests()).isZero();
        assertThat(emulator.issuedTokens()).containsExactly(token);
        HttpResponse<String> balance = http.get("/balance", token);
        assertThat(balance.statusCode()).isEqualTo(403); // the postpaid account's answer: the token is its own
        assertThat(http.get("/models", token).statusCode()).isEqualTo(200);
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isZero();
        assertThat(emulator.stats().requests(Endpoint.TOKEN)).isZero();
    }

    @Test
    void itExpiresAfterTheTokenTtlLikeAnOAuthToken() {
        String issued = emulator.issueToken(EmulatorAccount.DEMO_PERS_PAID);
        String oauth = http.accessToken(EmulatorAccount.DEMO_PERS_PAID);
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(http.get("/models", issued).statusCode()).isEqualTo(200);
        assertThat(http.get("/models", oauth).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMillis(1));

        for (String token : new String[] {issued, oauth}) {
            HttpResponse<String> expired = http.get("/models", token);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(json(expired).get("message").asText()).isEqualTo("Token has expired");
        }
    }

    @Test
    void expireAllTokensExpiresIssuedOnesToo() {
        String token = emulator.issueToken(EmulatorAccount.DEMO_B2B_PAID);

        emulator.expireAllTokens();

        assertThat(http.get("/models", token).body()).isEqualTo("{\"status\":401,\"message\":\"Token has expired\"}");
        assertThat(http.get("/models", emulator.issueToken(EmulatorAccount.DEMO_B2B_PAID))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anUnknownTokenIsUnauthorized() {
        HttpResponse<String> response = http.get("/models", "eyJ.made.up.token.here");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"status\":401,\"message\":\"Unauthorized\"}");
    }

    @Test
    void refusesAnAccountTheEmulatorDoesNotKnowOrHasRevoked() {
        EmulatorAccount stranger = EmulatorAccount.postpaid(UUID.randomUUID().toString(), "s", "GIGACHAT_API_CORP");
        assertThatThrownBy(() -> emulator.issueToken(stranger)).isInstanceOf(IllegalArgumentException.class);

        emulator.addAccount(EmulatorAccount.DEMO_PERS_UNPAID.revoked());
        assertThatThrownBy(() -> emulator.issueToken(EmulatorAccount.DEMO_PERS_UNPAID))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("revoked");
        assertThat(emulator.issuedTokens()).isEmpty();
    }
}
