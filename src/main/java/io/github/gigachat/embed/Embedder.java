package io.github.gigachat.embed;

import io.github.gigachat.client.ApiException;
import io.github.gigachat.client.Embedding;
import io.github.gigachat.client.EmbeddingResponse;
import io.github.gigachat.client.GigaChatSession;
import io.github.gigachat.client.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Embeds texts through {@code POST /embeddings} as fast as the API lets it: batches of at most {@code batchSize} texts,
 * at most {@code concurrency} requests in flight, results delivered as each batch completes.
 *
 * <p><b>Pacing.</b> The number of requests allowed in flight (the window) starts at {@code concurrency} and follows
 * AIMD: a 429 halves it (once per window: 429s of requests sent before the last decrease do not count again), and
 * {@value #GROW_AFTER_SUCCESSES} successful requests since the last change widen it by one. It never exceeds
 * {@code concurrency} and never drops below 1. After a 429 no new request starts before the server's
 * {@code Retry-After} has passed, nor before an exponential backoff (0.5 s doubling per consecutive throttled window,
 * plus jitter, at most 60 s); the throttled batch goes to the front of the queue. Embedding fails after
 * {@value #MAX_THROTTLE_STREAK} throttled windows in a row without a success. 429s reach this class directly
 * ({@link GigaChatSession.OnThrottle#THROW}); server errors and transport failures are retried by the client's own
 * policy, and an expired token is refreshed by the session.
 *
 * <p><b>413.</b> A batch answered 413 Payload Too Large is split in halves, each sent again, down to single texts; a
 * single text that still gets 413 stops the run with an {@link InputTooLargeException} naming its index.
 *
 * <p><b>402 and other failures.</b> No new request starts; requests already in flight finish and their vectors still
 * go to the sink; then {@link #embed} throws {@link PaymentRequiredException} (402) or {@link EmbeddingException}
 * with the embedded and remaining counts.
 *
 * <p><b>Threads.</b> Requests run on a small pool of daemon threads, one per request in flight. The {@link ResultSink}
 * and {@link ProgressListener} are called from those threads but <em>never concurrently</em>: calls are serialised,
 * and each call happens-before the next, so neither needs to be thread-safe. No call is made after {@link #embed}
 * returns or throws. An {@code Embedder} holds no state between calls; calls running at the same time pace
 * themselves independently.
 */
public final class Embedder {
    /** Successful requests after which the window grows by one. */
    static final int GROW_AFTER_SUCCESSES = 8;
    /** Throttled windows in a row (with no success between them) after which embedding gives up. */
    static final int MAX_THROTTLE_STREAK = 10;

    static final Duration BASE_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    static final Duration JITTER = Duration.ofMillis(250);

    /** Receives each vector with the index of its text in the input list and the tokens billed for it. */
    @FunctionalInterface
    public interface ResultSink {
        void accept(int inputIndex, float[] vector, long billedTokens) throws IOException;
    }

    /** Told after every completed batch: texts done of the total, requests made and retries among them. */
    @FunctionalInterface
    public interface ProgressListener {
        ProgressListener NONE = (done, total, requests, retries) -> {};

        void progress(long done, long total, long requests, long retries);
    }

    /**
     * What one {@link #embed} call did.
     *
     * @param texts texts embedded
     * @param requests {@code POST /embeddings} calls this embedder made (the client's own retries of server errors
     *     and the session's token refresh are not counted)
     * @param retries among {@code requests}, those that re-sent texts: after a 429, and the halves of a 413-split batch
     * @param billedTokens the sum of the {@code prompt_tokens} the API reported
     * @param dimensions length of every vector (0 when there were no texts)
     */
    /** @param answeredModel the model the API said it used (it may differ from the requested alias), or null */
    public record Stats(
            long texts, long requests, long retries, long billedTokens, int dimensions, String answeredModel) {}

    private final GigaChatSession session;
    private final String model;
    private final int batchSize;
    private final int concurrency;
    private final ProgressListener progress;
    private final Sleeper sleeper;
    private Semaphore sharedStreams;

    public Embedder(GigaChatSession session, String model, int batchSize, int concurrency, ProgressListener progress) {
        this(session, model, batchSize, concurrency, progress, Sleeper.REAL);
    }

    /** As the other constructor, with the {@link Sleeper} that waits out backoffs (tests pass one that records). */
    public Embedder(
            GigaChatSession session,
            String model,
            int batchSize,
            int concurrency,
            ProgressListener progress,
            Sleeper sleeper) {
        this.session = Objects.requireNonNull(session, "session");
        this.model = Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("gigachat.embed.model must not be blank");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("gigachat.embed.batchSize is " + batchSize + ": use at least 1");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("gigachat.embed.concurrency is " + concurrency + ": use at least 1");
        }
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.progress = progress == null ? ProgressListener.NONE : progress;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Shares the API's stream limit with other embedders using the same key (other modules of a {@code -T} build):
     * every request also holds one permit of {@code streams} while it is in flight.
     */
    public Embedder sharing(Semaphore streams) {
        this.sharedStreams = streams;
        return this;
    }

    /**
     * Embeds {@code texts} (already known not to be cached) and hands every vector to {@code sink} as its batch
     * completes. Returns when all are delivered.
     *
     * @throws PaymentRequiredException on 402, after the requests in flight have finished
     * @throws InputTooLargeException when one text alone is answered 413
     * @throws EmbeddingException for anything else that stops the run: persistent server errors, transport failures,
     *     answers of the wrong shape, vectors of differing dimensions, a failing sink, an interrupt
     */
    public Stats embed(List<String> texts, ResultSink sink) throws EmbeddingException {
        Objects.requireNonNull(sink, "sink");
        List<String> inputs = List.copyOf(texts);
        if (inputs.isEmpty()) {
            return new Stats(0, 0, 0, 0, 0, null);
        }
        return new Run(inputs, sink).execute();
    }

    private static Duration backoff(int streak) {
        long millis = BASE_BACKOFF.toMillis() << Math.min(Math.max(streak - 1, 0), 20);
        millis = Math.min(millis, MAX_BACKOFF.toMillis());
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(JITTER.toMillis() + 1));
    }

    /** Input indexes sent together; {@code resend} when they were sent before (throttled or split). */
    private record Batch(int[] indexes, boolean resend) {
        static Batch range(int from, int to) {
            int[] indexes = new int[to - from];
            Arrays.setAll(indexes, i -> from + i);
            return new Batch(indexes, false);
        }

        int size() {
            return indexes.length;
        }

        Batch again() {
            return new Batch(indexes, true);
        }

        Batch firstHalf() {
            return new Batch(Arrays.copyOfRange(indexes, 0, indexes.length / 2), true);
        }

        Batch secondHalf() {
            return new Batch(Arrays.copyOfRange(indexes, indexes.length / 2, indexes.length), true);
        }
    }

    /** Why a run stopped early. */
    private enum StopKind {
        PAYMENT,
        TOO_LARGE,
        FAILURE
    }

    private record Stop(StopKind kind, String message, Throwable cause, int inputIndex) {
        static Stop failure(String message, Throwable cause) {
            return new Stop(StopKind.FAILURE, message, cause, -1);
        }
    }

    /** A vector batch the embedder refuses (dimensions, non-finite values), or a sink that failed. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** The state of one {@link #embed} call. */
    private final class Run {
        private final List<String> texts;
        private final ResultSink sink;
        private final long total;

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        // guarded by lock
        private final Deque<Batch> pending = new ArrayDeque<>();
        private int inFlight; // requests sent whose vectors are not delivered yet
        private int window;
        private long epoch; // bumped on every decrease of the window
        private int successesSinceChange;
        private int throttleStreak;
        private boolean paused;
        private long pauseUntilNanos;
        private long pauseGeneration;
        private Stop stop;

        private volatile String answeredModel;
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong retries = new AtomicLong();

        private final Object sinkLock = new Object();
        // guarded by sinkLock
        private long delivered;
        private long billed;
        private int dimensions;
        private boolean abandoned;

        Run(List<String> texts, ResultSink sink) {
            this.texts = texts;
            this.sink = sink;
            this.total = texts.size();
            this.window = concurrency;
            for (int from = 0; from < texts.size(); from += batchSize) {
                pending.add(Batch.range(from, Math.min(texts.size(), from + batchSize)));
            }
        }

        Stats execute() throws EmbeddingException {
            ExecutorService pool = Executors.newFixedThreadPool(concurrency, threads());
            try {
                dispatch(pool);
            } catch (InterruptedException e) {
                long done;
                synchronized (sinkLock) {
                    abandoned = true;
                    done = delivered;
                }
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw new EmbeddingException("Interrupted while embedding. " + counts(done), done, total - done, e);
            } finally {
                pool.shutdown();
            }
            long done;
            long tokens;
            int dims;
            synchronized (sinkLock) {
                abandoned = true; // nothing is running any more; just a guard
                done = delivered;
                tokens = billed;
                dims = dimensions;
            }
            Stop reason;
            lock.lock();
            try {
                reason = stop;
            } finally {
                lock.unlock();
            }
            if (reason != null) {
                throw toException(reason, done);
            }
            return new Stats(done, requests.get(), retries.get(), tokens, dims, answeredModel);
        }

        /** Starts requests while the window, the pause and the queue allow; returns when every task has finished. */
        private void dispatch(ExecutorService pool) throws InterruptedException {
            lock.lock();
            try {
                while (true) {
                    if (stop != null || pending.isEmpty()) {
                        if (inFlight == 0) {
                            return;
                        }
                        changed.await();
                        continue;
                    }
                    if (paused) {
                        long wait = pauseUntilNanos - System.nanoTime();
                        if (wait > 0) {
                            long generation = pauseGeneration;
                            lock.unlock();
                            try {
                                sleeper.sleep(Duration.ofNanos(wait));
                            } finally {
                                lock.lock();
                            }
                            if (generation == pauseGeneration) {
                                paused = false; // served (a recording sleeper returns at once: do not spin)
                            }
                            continue;
                        }
                        paused = false;
                    }
                    if (inFlight >= window) {
                        changed.await();
                        continue;
                    }
                    Batch batch = pending.poll();
                    inFlight++;
                    requests.incrementAndGet();
                    if (batch.resend()) {
                        retries.incrementAndGet();
                    }
                    long sentEpoch = epoch;
                    pool.execute(() -> send(batch, sentEpoch));
                }
            } finally {
                lock.unlock();
            }
        }

        /**
         * One request and the delivery of its vectors. The request keeps its slot in the window until the sink has
         * taken the vectors: a slow sink slows the requests down instead of piling answers up in memory.
         */
        private void send(Batch batch, long sentEpoch) {
            boolean landed = false;
            ApiException refused = null;
            Stop failure = null;
            try {
                EmbeddingResponse response;
                Semaphore streams = sharedStreams;
                if (streams != null) {
                    streams.acquireUninterruptibly();
                }
                try {
                    response = session.embed(model, textsOf(batch), GigaChatSession.OnThrottle.THROW);
                } catch (ApiException e) {
                    refused = e;
                    return;
                } finally {
                    if (streams != null) {
                        streams.release();
                    }
                }
                deliver(batch, response);
                landed = true;
            } catch (Refused e) {
                failure = Stop.failure(e.getMessage(), e.getCause());
            } catch (RuntimeException | Error e) {
                failure = Stop.failure(describe(e), e);
                if (e instanceof Error) {
                    throw e;
                }
            } finally {
                lock.lock();
                try {
                    inFlight--;
                    if (landed) {
                        succeeded();
                    } else if (refused != null) {
                        answeredWithError(batch, sentEpoch, refused);
                    } else if (failure != null) {
                        stopLocked(failure);
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        private List<String> textsOf(Batch batch) {
            List<String> batchTexts = new ArrayList<>(batch.size());
            for (int index : batch.indexes()) {
                batchTexts.add(texts.get(index));
            }
            return batchTexts;
        }

        /** Under lock: a request succeeded; widens the window every {@value #GROW_AFTER_SUCCESSES} successes. */
        private void succeeded() {
            throttleStreak = 0;
            if (++successesSinceChange >= GROW_AFTER_SUCCESSES && window < concurrency) {
                window++;
                successesSinceChange = 0;
            }
        }

        /** Under lock: a request was answered with an error status. */
        private void answeredWithError(Batch batch, long sentEpoch, ApiException e) {
            switch (e.status()) {
                case 429 -> throttled(batch, sentEpoch, e);
                case 413 -> tooLarge(batch, e);
                case 402 -> stopLocked(new Stop(StopKind.PAYMENT, e.getMessage(), e, -1));
                default -> stopLocked(Stop.failure(e.getMessage(), e));
            }
        }

        /** Under lock: narrows the window (once per window), queues the batch first, and pauses new requests. */
        private void throttled(Batch batch, long sentEpoch, ApiException e) {
            if (stop != null) {
                return; // stopping anyway: the batch counts as remaining
            }
            boolean fresh = sentEpoch == epoch;
            if (fresh) {
                window = Math.max(1, window / 2);
                epoch++;
                successesSinceChange = 0;
                throttleStreak++;
                if (throttleStreak > MAX_THROTTLE_STREAK) {
                    stopLocked(Stop.failure(
                            "GigaChat kept answering 429 Too Many Requests (" + MAX_THROTTLE_STREAK
                                    + " times in a row, even with one request at a time): " + e.getMessage()
                                    + ". Another build or application may be using the same key's request"
                                    + " limit; lower gigachat.embed.concurrency or try again later.",
                            e));
                    return;
                }
            }
            pending.addFirst(batch.again());
            Duration wait = fresh ? backoff(throttleStreak) : Duration.ZERO;
            Long retryAfter = e.retryAfterSeconds().orElse(null);
            if (retryAfter != null && Duration.ofSeconds(retryAfter).compareTo(wait) > 0) {
                wait = Duration.ofSeconds(retryAfter);
            }
            if (wait.compareTo(MAX_BACKOFF) > 0) {
                wait = MAX_BACKOFF;
            }
            if (wait.isZero()) {
                return;
            }
            long until = System.nanoTime() + wait.toNanos();
            if (!paused || until - pauseUntilNanos > 0) {
                paused = true;
                pauseUntilNanos = until;
                pauseGeneration++;
            }
        }

        /** Under lock: splits the batch, or stops when a single text is too large. */
        private void tooLarge(Batch batch, ApiException e) {
            if (stop != null) {
                return;
            }
            if (batch.size() > 1) {
                pending.addFirst(batch.secondHalf());
                pending.addFirst(batch.firstHalf());
                return;
            }
            int index = batch.indexes()[0];
            String text = texts.get(index);
            stopLocked(new Stop(
                    StopKind.TOO_LARGE,
                    "Input #" + index + " (" + text.length() + " characters) is too large for model " + model
                            + ": " + e.getMessage() + " even when sent alone. Lower gigachat.embed.maxChunkTokens"
                            + " so that chunks are smaller.",
                    e,
                    index));
        }

        private void stopLocked(Stop reason) {
            if (stop == null) {
                stop = reason;
            }
        }

        /** Checks a batch's vectors, then hands them to the sink and tells the listener; serialised. */
        private void deliver(Batch batch, EmbeddingResponse response) {
            if (response.model() != null) {
                answeredModel = response.model();
            }
            List<Embedding> embeddings = response.embeddings();
            if (embeddings.size() != batch.size()) {
                throw new Refused(
                        "POST /embeddings answered " + embeddings.size() + " vectors for " + batch.size() + " texts",
                        null);
            }
            synchronized (sinkLock) {
                if (abandoned) {
                    return;
                }
                int expected = dimensions;
                for (int i = 0; i < embeddings.size(); i++) {
                    float[] vector = embeddings.get(i).vector();
                    int inputIndex = batch.indexes()[i];
                    if (vector.length == 0) {
                        throw new Refused("POST /embeddings answered an empty vector for input #" + inputIndex, null);
                    }
                    if (expected == 0) {
                        expected = vector.length;
                    } else if (vector.length != expected) {
                        throw new Refused(
                                "POST /embeddings answered a vector of " + vector.length + " dimensions for input #"
                                        + inputIndex + " where the others of model " + model + " have " + expected,
                                null);
                    }
                    for (float component : vector) {
                        if (!Float.isFinite(component)) {
                            throw new Refused(
                                    "POST /embeddings answered a vector with a NaN or infinite component for input #"
                                            + inputIndex,
                                    null);
                        }
                    }
                }
                dimensions = expected;
                for (int i = 0; i < embeddings.size(); i++) {
                    Embedding embedding = embeddings.get(i);
                    int inputIndex = batch.indexes()[i];
                    try {
                        sink.accept(inputIndex, embedding.vector(), embedding.promptTokens());
                    } catch (IOException e) {
                        throw new Refused("Could not store the vector of input #" + inputIndex + ": " + e, e);
                    }
                    delivered++;
                    billed += embedding.promptTokens();
                }
                progress.progress(delivered, total, requests.get(), retries.get());
            }
        }

        private EmbeddingException toException(Stop reason, long done) {
            long remaining = total - done;
            return switch (reason.kind()) {
                case PAYMENT ->
                    new PaymentRequiredException(
                            "GigaChat answered 402 Payment Required for the embeddings (" + reason.message() + "):"
                                    + " the Embeddings quota of this key is used up or was never bought. Buy an"
                                    + " Embeddings package in the billing section of the Sber developer studio"
                                    + " (developers.sber.ru/studio), then run the build again. " + counts(done)
                                    + " Everything already embedded is kept in the cache and will not be sent or paid"
                                    + " for again.",
                            done,
                            remaining,
                            reason.cause());
                case TOO_LARGE ->
                    new InputTooLargeException(
                            reason.message() + " " + counts(done),
                            reason.inputIndex(),
                            done,
                            remaining,
                            reason.cause());
                case FAILURE ->
                    new EmbeddingException(reason.message() + " " + counts(done), done, remaining, reason.cause());
            };
        }

        private String counts(long done) {
            return done + " of " + total + " texts were embedded (" + (total - done) + " remain).";
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "Embedding failed: " + e.getClass().getName();
        }
        return e instanceof RuntimeException && e.getClass().getName().startsWith("io.github.gigachat.")
                ? message
                : "Embedding failed: " + e.getClass().getSimpleName() + ": " + message;
    }

    private static ThreadFactory threads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "gigachat-embed-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
