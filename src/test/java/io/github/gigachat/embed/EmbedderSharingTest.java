package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Embedders of several modules that share one key share its stream limit. */
class EmbedderSharingTest {
    @Test
    void twoEmbeddersSharingOnePermitNeverOverlap() throws Exception {
        try (GigaChatEmulator emulator = GigaChatEmulator.builder()
                        .demoAccounts()
                        .latency(Duration.ofMillis(20))
                        .start();
                GigaChatClient client = GigaChatClient.create(
                        ClientConfig.builder()
                                .authUrl(emulator.authUrl())
                                .baseUrl(emulator.baseUrl())
                                .build(),
                        new SecretMasker())) {
            var key = KeyFormat.check(EmulatorAccount.DEMO_B2B_PAID.authorizationKey())
                    .key();
            Semaphore shared = new Semaphore(1);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Embedder.Stats>> runs = IntStream.range(0, 2)
                    .mapToObj(module -> CompletableFuture.supplyAsync(() -> {
                        List<String> texts = IntStream.range(0, 12)
                                .mapToObj(i -> "module " + module + " text " + i)
                                .toList();
                        try {
                            start.await();
                            return new Embedder(client.session(key, Scope.B2B), "Embeddings", 2, 4, null)
                                    .sharing(shared)
                                    .embed(texts, (index, vector, billed) -> {});
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }))
                    .toList();
            start.countDown();

            long embedded = 0;
            for (CompletableFuture<Embedder.Stats> run : runs) {
                embedded += run.join().texts();
            }

            assertThat(embedded).isEqualTo(24);
            assertThat(emulator.stats().maxConcurrentApiRequests()).isEqualTo(1);
            assertThat(shared.availablePermits()).isEqualTo(1);
        }
    }
}
