package io.github.gigachat.emulator;

import static io.github.gigachat.emulator.EmulatorHttp.inputBody;
import static io.github.gigachat.emulator.GigaChatEmulatorTest.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class EmulatorConcurrencyTest {
    private static final Duration LATENCY = Duration.ofMillis(300);
    private static final EmulatorAccount PERS = EmulatorAccount.DEMO_PERS_PAID;
    private static final EmulatorAccount B2B = EmulatorAccount.DEMO_B2B_PAID;

    @Test
    void aPersonalAccountGetsOneStreamAndOverlappingRequestsGet429() throws Exception {
        try (GigaChatEmulator emulator =
                GigaChatEmulator.builder().demoAccounts().latency(LATENCY).start()) {
            EmulatorHttp http = new EmulatorHttp(emulator);
            String token = http.accessToken(PERS);

            List<HttpResponse<String>> responses = burst(http, 4, i -> countTokens(http, token));

            long ok = count(responses, 200);
            long refused = count(responses, 429);
            assertThat(ok).isGreaterThanOrEqualTo(1);
            assertThat(refused).isGreaterThanOrEqualTo(1);
            assertThat(ok + refused).isEqualTo(4);
            assertThat(emulator.stats().maxConcurrentApiRequests()).isEqualTo(1);
            assertThat(emulator.stats().tooManyRequests()).isEqualTo((int) refused);
            HttpResponse<String> tooMany = responses.stream()
                    .filter(r -> r.statusCode() == 429)
                    .findFirst()
                    .orElseThrow();
            assertApiError(tooMany, 429, "Too many requests");
            assertThat(tooMany.headers().firstValue("Retry-After")).hasValue("1");
        }
    }

    @Test
    void aSecondRequestWhileTheFirstIsInFlightIsRefusedButTokensAreNot() throws Exception {
        try (GigaChatEmulator emulator =
                GigaChatEmulator.builder().demoAccounts().latency(LATENCY).start()) {
            EmulatorHttp http = new EmulatorHttp(emulator);
            String token = http.accessToken(PERS);
            long started = System.nanoTime();

            CompletableFuture<HttpResponse<String>> first = http.client()
                    .sendAsync(
                            http.api("/embeddings", token)
                                    .POST(HttpRequest.BodyPublishers.ofString(inputBody("Embeddings", "a")))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            awaitCondition(() -> emulator.stats().inFlightApiRequests() == 1);

            assertThat(http.post("/tokens/count", token, inputBody("GigaChat", "b"))
                            .statusCode())
                    .isEqualTo(429);
            assertThat(http.accessToken(PERS)).isNotBlank();
            assertThat(first.join().statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(LATENCY);
            assertThat(http.post("/tokens/count", token, inputBody("GigaChat", "b"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(emulator.stats().tooManyRequests()).isEqualTo(1);
            assertThat(emulator.stats().maxConcurrentApiRequests()).isEqualTo(1);
            assertThat(emulator.stats().embeddedTexts()).isEqualTo(1);
        }
    }

    @Test
    void sequentialRequestsNeverHitTheLimit() throws Exception {
        try (GigaChatEmulator emulator =
                GigaChatEmulator.builder().demoAccounts().start()) {
            EmulatorHttp http = new EmulatorHttp(emulator);
            String token = http.accessToken(PERS);

            for (int i = 0; i < 20; i++) {
                assertThat(http.post("/tokens/count", token, inputBody("GigaChat", "t" + i))
                                .statusCode())
                        .isEqualTo(200);
            }
            assertThat(emulator.stats().tooManyRequests()).isZero();
            assertThat(emulator.stats().maxConcurrentApiRequests()).isEqualTo(1);
        }
    }

    @Test
    void theBuilderOverridesTheLimitOfEveryScope() throws Exception {
        try (GigaChatEmulator emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .latency(LATENCY)
                .concurrencyLimit(3)
                .start()) {
            EmulatorHttp http = new EmulatorHttp(emulator);
            String token = http.accessToken(B2B);

            List<HttpResponse<String>> responses = burst(http, 8, i -> countTokens(http, token));

            assertThat(count(responses, 429)).isGreaterThanOrEqualTo(1);
            assertThat(count(responses, 200) + count(responses, 429)).isEqualTo(8);
            assertThat(emulator.stats().maxConcurrentApiRequests()).isBetween(2, 3);
            assertThat(emulator.stats().tooManyRequests()).isEqualTo((int) count(responses, 429));
        }
    }

    @Test
    void businessAccountsGetTenStreamsAndLimitsAreCountedPerAccount() throws Exception {
        EmulatorAccount otherPers =
                EmulatorAccount.prepaid(UUID.randomUUID().toString(), "s", "GIGACHAT_API_PERS", java.util.Map.of());
        try (GigaChatEmulator emulator = GigaChatEmulator.builder()
                .demoAccounts()
                .account(otherPers)
                .latency(LATENCY)
                .start()) {
            EmulatorHttp http = new EmulatorHttp(emulator);
            String b2b = http.accessToken(B2B);
            String pers = http.accessToken(PERS);
            String other = http.accessToken(otherPers);

            List<HttpResponse<String>> responses = burst(http, 12, i -> {
                String token = i < 10 ? b2b : i == 10 ? pers : other;
                return countTokens(http, token);
            });

            assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
            assertThat(emulator.stats().maxConcurrentApiRequests()).isBetween(2, 12);
            assertThat(emulator.stats().tooManyRequests()).isZero();
        }
    }

    @Test
    void listingModelsAndReadingTheBalanceUseNoStream() throws Exception {
        try (GigaChatEmulator emulator =
                GigaChatEmulator.builder().demoAccounts().latency(LATENCY).start()) {
            EmulatorHttp http = new EmulatorHttp(emulator);
            String token = http.accessToken(PERS);

            List<HttpResponse<String>> responses =
                    burst(http, 4, i -> http.api(i % 2 == 0 ? "/models" : "/balance", token)
                            .GET()
                            .build());

            assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
            assertThat(emulator.stats().tooManyRequests()).isZero();
        }
    }

    private static HttpRequest countTokens(EmulatorHttp http, String token) {
        return http.api("/tokens/count", token)
                .POST(HttpRequest.BodyPublishers.ofString(inputBody("GigaChat", "a")))
                .build();
    }

    /** Sends {@code n} requests from {@code n} threads released together by a latch. */
    private static List<HttpResponse<String>> burst(EmulatorHttp http, int n, IntFunction<HttpRequest> request)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                HttpRequest r = request.apply(i);
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return http.send(r);
                }));
            }
            ready.await();
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    private static long count(List<HttpResponse<String>> responses, int status) {
        return responses.stream().filter(r -> r.statusCode() == status).count();
    }

    /** Spins until {@code condition} holds (at most 5 s); no guessed sleeps. */
    private static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 5 s");
            }
            Thread.onSpinWait();
        }
    }
}
