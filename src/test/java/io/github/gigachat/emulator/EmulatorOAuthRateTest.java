package io.github.gigachat.emulator;

import static io.github.gigachat.emulator.GigaChatEmulatorTest.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OAuth endpoint's limit of 10 token requests per second, on a clock the test moves. */
class EmulatorOAuthRateTest {
    private static final EmulatorAccount B2B = EmulatorAccount.DEMO_B2B_PAID;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
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

    private int tokenStatus() {
        return http.token(B2B.authorizationKey(), B2B.scope()).statusCode();
    }

    @Test
    void theEleventhTokenRequestWithinOneSecondGets429AndNoToken() {
        for (int i = 0; i < 10; i++) {
            assertThat(tokenStatus()).as("request %d", i + 1).isEqualTo(200);
        }

        HttpResponse<String> eleventh = http.token(B2B.authorizationKey(), B2B.scope());

        assertApiError(eleventh, 429, "Too many requests");
        assertThat(eleventh.headers().firstValue("Retry-After")).isEmpty();
        assertThat(emulator.issuedTokens()).hasSize(10);
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isEqualTo(11);
        assertThat(emulator.stats().maxOAuthRequestsPerSecond()).isEqualTo(11);
        assertThat(emulator.stats().oauthTooManyRequests()).isEqualTo(1);
        assertThat(emulator.stats().tooManyRequests()).isZero();
    }

    @Test
    void theWindowSlidesSoARequestLeavesItOneSecondAfterItStarted() {
        for (int i = 0; i < 10; i++) {
            tokenStatus();
        }
        clock.advance(Duration.ofMillis(999));
        assertThat(tokenStatus()).isEqualTo(429); // refused requests count too: 11 in the window now

        clock.advance(Duration.ofMillis(1));

        assertThat(tokenStatus()).isEqualTo(200); // the first ten have left; the refused one and this one remain
        assertThat(emulator.stats().maxOAuthRequestsPerSecond()).isEqualTo(11);
    }

    @Test
    void tenPerSecondSpreadEvenlyAreAllServed() {
        for (int i = 0; i < 35; i++) {
            assertThat(tokenStatus()).as("request %d", i + 1).isEqualTo(200);
            clock.advance(Duration.ofMillis(100));
        }

        assertThat(emulator.stats().maxOAuthRequestsPerSecond()).isEqualTo(10);
        assertThat(emulator.stats().oauthTooManyRequests()).isZero();
    }

    @Test
    void theLimitAppliesBeforeTheKeyIsChecked() {
        for (int i = 0; i < 10; i++) {
            http.token("bm90LWEta2V5", B2B.scope());
        }

        assertThat(tokenStatus()).isEqualTo(429);
    }

    @Test
    void aFaultStillCountsInTheWindowAndWinsOverTheLimit() {
        emulator.injectFault(Fault.on(Endpoint.OAUTH).times(11).status(503, "{}"));
        for (int i = 0; i < 11; i++) {
            assertThat(tokenStatus()).isEqualTo(503);
        }

        assertThat(tokenStatus()).isEqualTo(429);
        assertThat(emulator.stats().maxOAuthRequestsPerSecond()).isEqualTo(12);
    }

    @Test
    void theLimitIsConfigurable() throws Exception {
        try (GigaChatEmulator strict = GigaChatEmulator.builder()
                .demoAccounts()
                .clock(clock)
                .oauthRequestsPerSecond(2)
                .start()) {
            EmulatorHttp strictHttp = new EmulatorHttp(strict);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(
                        strictHttp.token(B2B.authorizationKey(), B2B.scope()).statusCode());
            }

            assertThat(statuses).containsExactly(200, 200, 429);
        }
        assertThatThrownBy(() -> GigaChatEmulator.builder().oauthRequestsPerSecond(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetClearsTheRateFigures() {
        for (int i = 0; i < 11; i++) {
            tokenStatus();
        }

        emulator.stats().reset();

        assertThat(emulator.stats().maxOAuthRequestsPerSecond()).isZero();
        assertThat(emulator.stats().oauthTooManyRequests()).isZero();
        assertThat(emulator.stats().maxConcurrentOAuthRequests()).isZero();
    }

    @Test
    void countsTheTokenRequestsInFlightAtOnce() throws Exception {
        // three requests held in the emulator until it closes; the test waits on the emulator's own counter
        emulator.injectFault(Fault.on(Endpoint.OAUTH).times(3).delay(Duration.ofMinutes(10)));
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < 3; i++) {
                CompletableFuture.runAsync(this::tokenStatusIgnoringFailure, clients);
            }
            awaitInFlight(3);

            assertThat(emulator.stats().maxConcurrentOAuthRequests()).isEqualTo(3);
            assertThat(emulator.stats().maxOAuthRequestsPerSecond()).isEqualTo(3);
            assertThat(emulator.stats().maxConcurrentApiRequests()).isZero();
        } finally {
            emulator.close();
            clients.shutdownNow();
        }
    }

    private void tokenStatusIgnoringFailure() {
        try {
            tokenStatus();
        } catch (RuntimeException e) {
            // cut off when the emulator closes
        }
    }

    private void awaitInFlight(int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (emulator.stats().inFlightOAuthRequests() < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + emulator.stats().inFlightOAuthRequests() + " in flight");
            }
            Thread.onSpinWait();
        }
    }
}
