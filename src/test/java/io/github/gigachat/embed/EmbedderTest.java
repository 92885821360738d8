package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.gigachat.client.ApiException;
import io.github.gigachat.client.AuthorizationKey;
import io.github.gigachat.client.ClientConfig;
import io.github.gigachat.client.GigaChatClient;
import io.github.gigachat.client.GigaChatSession;
import io.github.gigachat.client.Scope;
import io.github.gigachat.client.SecretMasker;
import io.github.gigachat.emulator.EmulatorAccount;
import io.github.gigachat.emulator.Endpoint;
import io.github.gigachat.emulator.Fault;
import io.github.gigachat.emulator.GigaChatEmulator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedder against the real emulator over HTTP: pacing, splitting, token expiry, payment and failures. */
class EmbedderTest {
    private static final String MODEL = "Embeddings";
    private static final String B2B = EmulatorAccount.DEMO_B2B_PAID_ID;

    private GigaChatEmulator emulator;
    private GigaChatClient client;
    /** Waits the client's retry policy asked for (server errors); none are actually slept. */
    private final List<Duration> clientWaits = Collections.synchronizedList(new ArrayList<>());
    /** The embedder's pacing clock: moves only when the embedder waits (429 pauses), so every pause is exact. */
    private final ManualPaceClock time = new ManualPaceClock();

    private final List<Duration> pauses = time.sleeps;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private GigaChatSession start(UnaryOperator<GigaChatEmulator.Builder> options) throws IOException {
        return start(options, EmulatorAccount.DEMO_B2B_PAID, Scope.B2B);
    }

    private GigaChatSession start(UnaryOperator<GigaChatEmulator.Builder> options, EmulatorAccount account, Scope scope)
            throws IOException {
        emulator = options.apply(GigaChatEmulator.builder().demoAccounts()).start();
        client = GigaChatClient.create(
                ClientConfig.builder()
                        .authUrl(emulator.authUrl())
                        .baseUrl(emulator.baseUrl())
                        .timeout(Duration.ofSeconds(20))
                        .sleeper(clientWaits::add)
                        .build(),
                new SecretMasker());
        return client.session(AuthorizationKey.fromClientCredentials(account.clientId(), account.secret()), scope);
    }

    private Embedder embedder(GigaChatSession session, int batchSize, int concurrency, Embedder.ProgressListener l) {
        return new Embedder(session, MODEL, batchSize, concurrency, l).pacedBy(time, max -> 0);
    }

    /** Distinct texts, Russian and English, all of the same length (so every batch of a size costs the same). */
    private static List<String> texts(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> (i % 2 == 0 ? "Раздел %04d: векторы для поиска." : "Section %04d: vectors to search.")
                        .formatted(i))
                .toList();
    }

    /** A sink that records what it got and notices overlapping calls. */
    private static final class Collector implements Embedder.ResultSink {
        final Map<Integer, float[]> vectors = new ConcurrentHashMap<>();
        final Map<Integer, Long> tokens = new ConcurrentHashMap<>();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger maxInside = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();

        @Override
        public void accept(int inputIndex, float[] vector, long billedTokens) {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                if (vectors.put(inputIndex, vector) != null) {
                    duplicates.incrementAndGet();
                }
                tokens.put(inputIndex, billedTokens);
                Thread.yield();
            } finally {
                inside.decrementAndGet();
            }
        }

        void assertCorrect(List<String> texts, int count) {
            assertThat(vectors).hasSize(count);
            assertThat(duplicates).hasValue(0);
            vectors.forEach((index, vector) -> assertThat(vector)
                    .as("vector of input #%d", index)
                    .containsExactly(GigaChatEmulator.vector(MODEL, texts.get(index))));
            tokens.forEach(
                    (index, billed) -> assertThat(billed).isEqualTo(GigaChatEmulator.billedTokens(texts.get(index))));
        }
    }

    /** Records the listener's calls. */
    private static final class Progress implements Embedder.ProgressListener {
        final List<long[]> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void progress(long done, long total, long requests, long retries) {
            calls.add(new long[] {done, total, requests, retries});
        }
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void embedsEveryTextAndMatchesVectorsByInputIndex() throws Exception {
        GigaChatSession session = start(b -> b.latency(Duration.ofMillis(5)));
        List<String> texts = texts(37);
        Collector sink = new Collector();
        Progress progress = new Progress();

        Embedder.Stats stats = embedder(session, 5, 3, progress).embed(texts, sink);

        sink.assertCorrect(texts, 37);
        assertThat(stats.texts()).isEqualTo(37);
        assertThat(stats.requests()).isEqualTo(8);
        assertThat(stats.retries()).isZero();
        assertThat(stats.dimensions()).isEqualTo(1024);
        assertThat(stats.billedTokens())
                .isEqualTo(
                        texts.stream().mapToLong(GigaChatEmulator::billedTokens).sum())
                .isEqualTo(emulator.stats().billedTokens());
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isEqualTo(8);
        assertThat(progress.calls).hasSize(8);
        assertThat(progress.calls).extracting(c -> c[0]).isSorted().last().isEqualTo(37L);
        assertThat(progress.calls).allSatisfy(c -> assertThat(c[1]).isEqualTo(37));
        assertThat(progress.calls).extracting(c -> c[2]).isSorted();
        assertThat(sink.maxInside).as("sink calls never overlap").hasValue(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void nothingToEmbedMakesNoRequest() throws Exception {
        GigaChatSession session = start(b -> b);
        Embedder.Stats stats = embedder(session, 16, 4, null).embed(List.of(), new Collector());
        assertThat(stats).isEqualTo(new Embedder.Stats(0, 0, 0, 0, 0, null, 0));
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    @Test
    void keepsConcurrencyRequestsInFlight() throws Exception {
        GigaChatSession session = start(b -> b.latency(Duration.ofMillis(50)));
        List<String> texts = texts(64);
        Collector sink = new Collector();

        Embedder.Stats stats = embedder(session, 4, 4, null).embed(texts, sink);

        sink.assertCorrect(texts, 64);
        assertThat(stats.requests()).isEqualTo(16);
        assertThat(emulator.stats().maxConcurrentApiRequests()).isEqualTo(4);
        assertThat(emulator.stats().tooManyRequests()).isZero();
        assertThat(sink.maxInside).hasValue(1);
    }

    @Test
    void concurrencyOneSendsOneRequestAtATime() throws Exception {
        GigaChatSession session =
                start(b -> b.latency(Duration.ofMillis(10)), EmulatorAccount.DEMO_PERS_PAID, Scope.PERS);
        List<String> texts = texts(20);
        Collector sink = new Collector();

        embedder(session, 4, 1, null).embed(texts, sink);

        sink.assertCorrect(texts, 20);
        assertThat(emulator.stats().maxConcurrentApiRequests()).isEqualTo(1);
        assertThat(emulator.stats().tooManyRequests()).isZero();
    }

    @Test
    void adaptsToAServerLimitBelowTheConcurrency() throws Exception {
        GigaChatSession session = start(b -> b.latency(Duration.ofMillis(20)).concurrencyLimit(2));
        List<String> texts = texts(64);
        Collector sink = new Collector();

        Embedder.Stats stats = embedder(session, 4, 6, null).embed(texts, sink);

        sink.assertCorrect(texts, 64);
        assertThat(stats.retries()).isPositive();
        // every 429 the limiter sent was re-sent exactly once, and nothing else was
        assertThat(stats.retries()).isEqualTo(emulator.stats().tooManyRequests());
        assertThat(stats.requests()).isEqualTo(16 + stats.retries());
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isEqualTo((int) stats.requests());
        assertThat(emulator.stats().maxConcurrentApiRequests()).isLessThanOrEqualTo(2);
        // the window shrank: far fewer refusals than a client that keeps 6 in flight would get (4 per round)
        assertThat(emulator.stats().tooManyRequests()).isLessThan(16);
        // the emulator's Retry-After: 1 was honoured (or the backoff of a longer streak); the client did not retry
        assertThat(pauses).isNotEmpty().allSatisfy(d -> assertThat(d).isIn(ms(1000), ms(2000), ms(4000)));
        assertThat(clientWaits).isEmpty();
    }

    @Test
    void aPersonalAccountWithOneStreamStillCompletesAtConcurrencyFour() throws Exception {
        GigaChatSession session =
                start(b -> b.latency(Duration.ofMillis(10)), EmulatorAccount.DEMO_PERS_PAID, Scope.PERS);
        List<String> texts = texts(48);
        Collector sink = new Collector();

        Embedder.Stats stats = embedder(session, 4, 4, null).embed(texts, sink);

        sink.assertCorrect(texts, 48);
        assertThat(stats.retries()).isPositive().isEqualTo(emulator.stats().tooManyRequests());
        assertThat(emulator.stats().maxConcurrentApiRequests()).isEqualTo(1);
    }

    @Test
    void honoursRetryAfterOfAnInjected429() throws Exception {
        GigaChatSession session = start(b -> b);
        emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS)
                .status(429, "{\"status\":429,\"message\":\"Too many requests\"}", Map.of("Retry-After", "3")));
        List<String> texts = texts(8);
        Collector sink = new Collector();

        Embedder.Stats stats = embedder(session, 4, 1, null).embed(texts, sink);

        sink.assertCorrect(texts, 8);
        assertThat(stats.requests()).isEqualTo(3);
        assertThat(stats.retries()).isEqualTo(1);
        assertThat(pauses).containsExactly(ms(3000));
        assertThat(clientWaits).isEmpty();
    }

    @Test
    void backsOffWithoutRetryAfter() throws Exception {
        GigaChatSession session = start(b -> b);
        emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS).times(3).status(429, "{}"));
        List<String> texts = texts(4);
        Collector sink = new Collector();

        Embedder.Stats stats = embedder(session, 4, 1, null).embed(texts, sink);

        sink.assertCorrect(texts, 4);
        assertThat(stats.retries()).isEqualTo(3);
        assertThat(pauses).containsExactly(ms(500), ms(1000), ms(2000));
    }

    @Test
    void givesUpWhenThrottlingNeverEnds() throws Exception {
        GigaChatSession session = start(b -> b);
        emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS).times(1000).status(429, "{}"));
        Collector sink = new Collector();

        ThrottledException e = catchThrowableOfType(
                () -> embedder(session, 4, 2, null).embed(texts(8), sink), ThrottledException.class);

        assertThat(e.throttledWindows()).isEqualTo(Pacer.MAX_THROTTLE_STREAK);
        assertThat(e.getMessage())
                .contains("429")
                .contains("fewer requests at a time")
                .contains("0 of 8");
        assertThat(e.embedded()).isZero();
        assertThat(e.remaining()).isEqualTo(8);
        assertThat(sink.vectors).isEmpty();
        assertThat(pauses).isNotEmpty().allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(60)));
        assertThat(pauses).hasSize(Pacer.MAX_THROTTLE_STREAK);
        assertThat(pauses).startsWith(ms(500), ms(1000), ms(2000)).endsWith(ms(60_000));
        // bounded: the first window of 2, then one request per throttled window
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS))
                .isBetween(Pacer.MAX_THROTTLE_STREAK + 1, Pacer.MAX_THROTTLE_STREAK + 2);
    }

    @Test
    void splitsABatchAnswered413() throws Exception {
        GigaChatSession session = start(b -> b);
        emulator.injectFault(
                Fault.on(Endpoint.EMBEDDINGS).status(413, "{\"status\":413,\"message\":\"Payload too large\"}"));
        List<String> texts = texts(8);
        Collector sink = new Collector();

        Embedder.Stats stats = embedder(session, 8, 1, null).embed(texts, sink);

        sink.assertCorrect(texts, 8);
        assertThat(stats.requests()).isEqualTo(3);
        assertThat(stats.retries()).isEqualTo(2);
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isEqualTo(3);
    }

    @Test
    void splitsBatchesLargerThanTheServerAccepts() throws Exception {
        GigaChatSession session = start(b -> b);
        List<String> texts = texts(150); // the emulator refuses more than 100 texts per request
        Collector sink = new Collector();

        Embedder.Stats stats = embedder(session, 150, 2, null).embed(texts, sink);

        sink.assertCorrect(texts, 150);
        assertThat(stats.requests()).isEqualTo(3);
    }

    @Test
    void aSingleTextTooLargeStopsTheRunNamingIt() throws Exception {
        GigaChatSession session = start(b -> b);
        List<String> texts = new ArrayList<>(texts(8));
        texts.set(5, "слово ".repeat(4000)); // 24,000 characters: more tokens than the emulator takes per text
        Collector sink = new Collector();

        InputTooLargeException e = catchThrowableOfType(
                () -> embedder(session, 8, 1, null).embed(texts, sink), InputTooLargeException.class);

        assertThat(e.inputId()).isEqualTo(5);
        assertThat(e.tokens()).as("a plain 413 does not say").isEqualTo(-1);
        assertThat(e.getMessage())
                .contains("Input #5")
                .contains("24000 characters")
                .contains("413");
        // [0..7] -> [0..3] ok, [4..7] -> [4,5] -> [4] ok, [5] refused; [6,7] never sent
        assertThat(sink.vectors.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(e.embedded()).isEqualTo(5);
        assertThat(e.remaining()).isEqualTo(3);
        sink.assertCorrect(texts, 5);
    }

    @Test
    void survivesTokensExpiringMidRun() throws Exception {
        GigaChatSession session = start(b -> b.latency(Duration.ofMillis(10)));
        List<String> texts = texts(40);
        Collector sink = new Collector();
        AtomicBoolean expired = new AtomicBoolean();
        AtomicInteger requestsAtExpiry = new AtomicInteger();
        Embedder.ProgressListener expireOnce = (done, total, requests, retries) -> {
            if (expired.compareAndSet(false, true)) {
                emulator.expireAllTokens();
                requestsAtExpiry.set(emulator.stats().requests(Endpoint.EMBEDDINGS));
            }
        };

        Embedder.Stats stats = embedder(session, 4, 2, expireOnce).embed(texts, sink);

        sink.assertCorrect(texts, 40);
        assertThat(stats.texts()).isEqualTo(40);
        assertThat(emulator.stats().requests(Endpoint.OAUTH)).isEqualTo(2);
        assertThat(requestsAtExpiry.get()).isLessThan(10);
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isGreaterThan(10);
    }

    @Test
    void paymentRequiredWhenTheBalanceRunsOutKeepsEverythingPaidFor() throws Exception {
        GigaChatSession session = start(b -> b.latency(Duration.ofMillis(20)));
        List<String> texts = texts(48);
        long perBatch = texts.subList(0, 4).stream()
                .mapToLong(GigaChatEmulator::billedTokens)
                .sum();
        emulator.setBalance(B2B, "embeddings", 5 * perBatch + perBatch / 2); // pays for exactly 5 batches of 4
        Collector sink = new Collector();

        PaymentRequiredException e = catchThrowableOfType(
                () -> embedder(session, 4, 3, null).embed(texts, sink), PaymentRequiredException.class);

        assertThat(e.embedded()).isEqualTo(20);
        assertThat(e.remaining()).isEqualTo(28);
        assertThat(emulator.stats().embeddedTexts())
                .as("everything billed reached the sink")
                .isEqualTo(20);
        sink.assertCorrect(texts, 20);
        assertThat(e.getMessage())
                .contains("402")
                .contains("Embeddings package")
                .contains("billing section")
                .contains("developer studio")
                .contains("20 of 48 texts were embedded (28 remain)")
                .contains("will not be sent or paid for again");
        assertThat(e.getCause()).isInstanceOfSatisfying(ApiException.class, c -> assertThat(c.status())
                .isEqualTo(402));
        // stopped promptly: no more than the requests in flight when the first 402 came back
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isLessThanOrEqualTo(5 + 3);
    }

    @Test
    void paymentRequiredLetsRequestsInFlightFinishIntoTheSink() throws Exception {
        GigaChatSession session = start(b -> b.latency(Duration.ofMillis(50)));
        emulator.injectFault(
                Fault.on(Endpoint.EMBEDDINGS).status(402, "{\"status\":402,\"message\":\"Payment Required\"}"));
        // the other three answer well after the 402, so no slot frees up before the 402 is seen
        emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS).times(3).delay(Duration.ofMillis(500)));
        List<String> texts = texts(64);
        Collector sink = new Collector();

        PaymentRequiredException e = catchThrowableOfType(
                () -> embedder(session, 4, 4, null).embed(texts, sink), PaymentRequiredException.class);

        // four requests went out together; one got the 402, the other three finished and were delivered
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isEqualTo(4);
        assertThat(e.embedded()).isEqualTo(12);
        assertThat(e.remaining()).isEqualTo(52);
        sink.assertCorrect(texts, 12);
    }

    @Test
    void paymentRequiredMidRunAfterTheFirstBatch() throws Exception {
        GigaChatSession session = start(b -> b);
        List<String> texts = texts(16);
        Collector sink = new Collector();
        AtomicBoolean injected = new AtomicBoolean();
        Embedder.ProgressListener injectOnce = (done, total, requests, retries) -> {
            if (injected.compareAndSet(false, true)) {
                emulator.injectFault(
                        Fault.on(Endpoint.EMBEDDINGS).status(402, "{\"status\":402,\"message\":\"Payment Required\"}"));
            }
        };

        PaymentRequiredException e = catchThrowableOfType(
                () -> embedder(session, 4, 1, injectOnce).embed(texts, sink), PaymentRequiredException.class);

        assertThat(e.embedded()).isEqualTo(4);
        assertThat(e.remaining()).isEqualTo(12);
        assertThat(sink.vectors.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isEqualTo(2);
    }

    @Test
    void anUnpaidAccountFailsAtOnceWithNothingEmbedded() throws Exception {
        GigaChatSession session = start(b -> b, EmulatorAccount.DEMO_PERS_UNPAID, Scope.PERS);
        PaymentRequiredException e = catchThrowableOfType(
                () -> embedder(session, 4, 1, null).embed(texts(10), new Collector()), PaymentRequiredException.class);
        assertThat(e.embedded()).isZero();
        assertThat(e.remaining()).isEqualTo(10);
        assertThat(e.getMessage()).contains("0 of 10");
    }

    @Test
    void aPersistentServerErrorStopsTheRunAndKeepsWhatWasDelivered() throws Exception {
        GigaChatSession session = start(b -> b);
        List<String> texts = texts(16);
        Collector sink = new Collector();
        AtomicBoolean injected = new AtomicBoolean();
        Embedder.ProgressListener injectOnce = (done, total, requests, retries) -> {
            if (injected.compareAndSet(false, true)) {
                emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS)
                        .times(100)
                        .status(503, "{\"status\":503,\"message\":\"Service Unavailable\"}"));
            }
        };

        EmbeddingException e = catchThrowableOfType(
                () -> embedder(session, 4, 1, injectOnce).embed(texts, sink), EmbeddingException.class);

        assertThat(e).isNotInstanceOf(PaymentRequiredException.class);
        assertThat(e.getMessage())
                .contains("503")
                .contains("Service Unavailable")
                .contains("4 of 16");
        assertThat(e.embedded()).isEqualTo(4);
        assertThat(sink.vectors.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3);
        // the client retried the second batch per its policy (4 attempts), then the run stopped
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isEqualTo(1 + 4);
        assertThat(clientWaits).hasSize(3);
    }

    @Test
    void aTransientServerErrorIsRetriedByTheClient() throws Exception {
        GigaChatSession session = start(b -> b);
        emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS).status(500, "{\"status\":500,\"message\":\"oops\"}"));
        List<String> texts = texts(8);
        Collector sink = new Collector();

        Embedder.Stats stats = embedder(session, 4, 2, null).embed(texts, sink);

        sink.assertCorrect(texts, 8);
        assertThat(stats.requests()).isEqualTo(2);
        assertThat(clientWaits).hasSize(1);
    }

    @Test
    void anAnswerOfTheWrongShapeStopsTheRun() throws Exception {
        GigaChatSession session = start(b -> b);
        emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS).unexpectedShape());
        EmbeddingException e = catchThrowableOfType(
                () -> embedder(session, 4, 1, null).embed(texts(8), new Collector()), EmbeddingException.class);
        assertThat(e.getMessage())
                .contains("POST /embeddings answered HTTP 200 but")
                .contains("0 of 8");
    }

    @Test
    void aDroppedConnectionThatPersistsStopsTheRun() throws Exception {
        GigaChatSession session = start(b -> b);
        session.token(); // the OAuth call is not dropped
        emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS).times(100).dropConnection());
        EmbeddingException e = catchThrowableOfType(
                () -> embedder(session, 4, 1, null).embed(texts(4), new Collector()), EmbeddingException.class);
        assertThat(e.getMessage()).contains("POST /api/v1/embeddings").contains("0 of 4");
        assertThat(e.getCause()).isInstanceOf(io.github.gigachat.client.TransportException.class);
    }

    @Test
    void vectorsOfDifferentDimensionsAreRefused() throws Exception {
        GigaChatSession session = start(b -> b);
        List<String> texts = texts(8);
        String threeDimensions = IntStream.range(0, 4)
                .mapToObj(i -> "{\"object\":\"embedding\",\"index\":" + i
                        + ",\"embedding\":[0.1,0.2,0.3],\"usage\":{\"prompt_tokens\":7}}")
                .collect(Collectors.joining(",", "{\"object\":\"list\",\"model\":\"Embeddings\",\"data\":[", "]}"));
        AtomicBoolean injected = new AtomicBoolean();
        Embedder.ProgressListener injectOnce = (done, total, requests, retries) -> {
            if (injected.compareAndSet(false, true)) {
                emulator.injectFault(Fault.on(Endpoint.EMBEDDINGS).status(200, threeDimensions));
            }
        };
        Collector sink = new Collector();

        EmbeddingException e = catchThrowableOfType(
                () -> embedder(session, 4, 1, injectOnce).embed(texts, sink), EmbeddingException.class);

        assertThat(e.getMessage()).contains("3 dimensions").contains("1024").contains("4 of 8");
        assertThat(sink.vectors.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void aFailingSinkStopsTheRun() throws Exception {
        GigaChatSession session = start(b -> b);
        AtomicInteger accepted = new AtomicInteger();
        Embedder.ResultSink fullDisk = (index, vector, tokens) -> {
            if (accepted.get() == 6) {
                throw new IOException("No space left on device");
            }
            accepted.incrementAndGet();
        };

        EmbeddingException e = catchThrowableOfType(
                () -> embedder(session, 4, 1, null).embed(texts(16), fullDisk), EmbeddingException.class);

        assertThat(e.getMessage())
                .contains("Could not store the vector of input #6")
                .contains("No space left");
        assertThat(e.embedded()).isEqualTo(6);
        assertThat(e.remaining()).isEqualTo(10);
        assertThat(emulator.stats().requests(Endpoint.EMBEDDINGS)).isEqualTo(2);
    }

    @Test
    void anInterruptStopsTheRunAndKeepsTheInterruptStatus() throws Exception {
        GigaChatSession session = start(b -> b.latency(Duration.ofMillis(5)));
        Thread caller = Thread.currentThread();
        AtomicBoolean interrupted = new AtomicBoolean();
        Embedder.ProgressListener interruptOnce = (done, total, requests, retries) -> {
            if (interrupted.compareAndSet(false, true)) {
                caller.interrupt();
            }
        };
        Collector sink = new Collector();

        EmbeddingException e = catchThrowableOfType(
                () -> embedder(session, 4, 1, interruptOnce).embed(texts(40), sink), EmbeddingException.class);

        assertThat(Thread.interrupted())
                .as("interrupt status restored (and cleared here)")
                .isTrue();
        assertThat(e.getMessage()).contains("Interrupted");
        assertThat(e.getCause()).isInstanceOf(InterruptedException.class);
        assertThat(e.embedded()).isEqualTo(sink.vectors.size()).isLessThan(40);
        assertThat(e.remaining()).isEqualTo(40 - e.embedded());
    }

    @Test
    void refusesNonsensicalSettings() throws Exception {
        GigaChatSession session = start(b -> b);
        assertThatThrownBy(() -> new Embedder(session, MODEL, 0, 1, null)).hasMessageContaining("batchSize is 0");
        assertThatThrownBy(() -> new Embedder(session, MODEL, 1, 0, null)).hasMessageContaining("concurrency is 0");
        assertThatThrownBy(() -> new Embedder(session, " ", 1, 1, null)).hasMessageContaining("model name is blank");
    }

    @Test
    void feedsTheVectorCache() throws Exception {
        GigaChatSession session = start(b -> b.latency(Duration.ofMillis(5)));
        VectorCache cache = new VectorCache(java.nio.file.Files.createTempDirectory("embedder-cache"));
        ChunkerSettings settings = new ChunkerSettings(512, 0);
        List<String> texts = texts(30);

        embedder(session, 8, 3, null)
                .embed(
                        texts,
                        (index, vector, tokens) ->
                                cache.put(VectorCache.key(MODEL, settings, texts.get(index)), vector));

        for (String text : texts) {
            assertThat(cache.get(VectorCache.key(MODEL, settings, text)))
                    .containsExactly(GigaChatEmulator.vector(MODEL, text));
        }
    }
}
