package io.github.gigachat.embed;

import io.github.gigachat.client.ApiException;
import io.github.gigachat.client.EmbeddingResponse;
import io.github.gigachat.client.GigaChatSession;
import io.github.gigachat.embed.BatchQueue.Batch;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongUnaryOperator;

/**
 * One {@link Embedder#embed} call: starts requests while the {@link Pacer}'s window and pause and the
 * {@link BatchQueue} allow, decides what each answer means (deliver, throttle, split, stop), and lets requests in flight
 * land before it reports a stop. See {@link Embedder} for the behaviour.
 */
final class EmbedCoordinator {
    /** Why a run stopped early. */
    private enum StopKind {
        PAYMENT,
        TOO_LARGE,
        THROTTLED,
        FAILURE
    }

    private record Stop(StopKind kind, String message, Throwable cause, Embedder.Input input, TokenLimitRefusal limit) {
        static Stop failure(String message, Throwable cause) {
            return new Stop(StopKind.FAILURE, message, cause, null, null);
        }
    }

    private final GigaChatSession session;
    private final String model;
    private final int concurrency;
    private final PaceClock clock;
    private final Semaphore sharedStreams;
    private final Embedder.ProgressListener progress;
    private final Embedder.Inputs inputs;
    private final Object inputsLock = new Object();
    private final AtomicLong total;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private final Pacer pacer;
    private final BatchQueue queue;
    private int inFlight; // requests sent whose vectors are not delivered yet
    private long splitTexts;
    private Stop stop;

    private volatile String answeredModel;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final BatchDelivery delivery;

    EmbedCoordinator(
            GigaChatSession session,
            String model,
            int batchSize,
            int concurrency,
            Embedder.ProgressListener progress,
            PaceClock clock,
            LongUnaryOperator jitter,
            Semaphore sharedStreams,
            Embedder.Inputs inputs,
            long expected,
            Embedder.ResultSink sink) {
        this.session = session;
        this.model = model;
        this.concurrency = concurrency;
        this.clock = clock;
        this.sharedStreams = sharedStreams;
        this.progress = progress;
        this.pacer = new Pacer(concurrency, clock, jitter);
        this.inputs = inputs;
        this.total = new AtomicLong(expected);
        this.queue = new BatchQueue(batchSize, inputs);
        this.delivery = new BatchDelivery(model, sink);
    }

    Embedder.Stats execute() throws EmbeddingException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, threads());
        try {
            dispatch(pool);
        } catch (InterruptedException e) {
            long done = delivery.abandon();
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new EmbeddingException("Interrupted while embedding. " + counts(done), done, remaining(done), e);
        } finally {
            pool.shutdown();
        }
        long done = delivery.abandon(); // nothing is running any more; just a guard
        Stop reason;
        long split;
        lock.lock();
        try {
            reason = stop;
            split = splitTexts;
        } finally {
            lock.unlock();
        }
        if (reason != null) {
            throw toException(reason, done);
        }
        return new Embedder.Stats(
                done, requests.get(), retries.get(), delivery.billed(), delivery.dimensions(), answeredModel, split);
    }

    /** Starts requests while the window, the pause and the queue allow; returns when every task has finished. */
    private void dispatch(ExecutorService pool) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stop != null || queue.drained()) {
                    if (inFlight == 0) {
                        return;
                    }
                    changed.await();
                    continue;
                }
                Duration pause = pacer.pause();
                if (!pause.isZero()) {
                    long generation = pacer.pauseGeneration();
                    lock.unlock();
                    try {
                        clock.sleep(pause);
                    } finally {
                        lock.lock();
                    }
                    pacer.served(generation);
                    continue;
                }
                if (!pacer.hasRoom(inFlight)) {
                    changed.await();
                    continue;
                }
                Batch batch = queue.pollFront();
                if (batch == null) {
                    if (!queue.exhausted()) {
                        pullFresh();
                    } else {
                        changed.await(); // only resends can come now, from requests in flight
                    }
                    continue;
                }
                inFlight++;
                requests.incrementAndGet();
                if (batch.resend()) {
                    retries.incrementAndGet();
                }
                long sentEpoch = pacer.epoch();
                pool.execute(() -> send(batch, sentEpoch));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under lock, which it releases while reading: the next fresh batch goes to the front of the queue. */
    private void pullFresh() {
        Batch fresh = null;
        Stop failed = null;
        lock.unlock();
        try {
            synchronized (inputsLock) {
                fresh = queue.pull();
            }
        } catch (IOException | RuntimeException e) {
            failed = Stop.failure("Could not read the texts to embed: " + e.getMessage(), e);
        } finally {
            lock.lock();
        }
        if (failed != null) {
            stopLocked(failed);
        } else if (fresh == null) {
            queue.markExhausted();
        } else {
            queue.putBack(fresh);
        }
    }

    /**
     * One request and the delivery of its vectors. The request keeps its slot in the window until the sink has
     * taken the vectors: a slow sink slows the requests down instead of piling answers up in memory.
     */
    private void send(Batch batch, long sentEpoch) {
        boolean landed = false;
        ApiException refused = null;
        TooLong tooLong = null;
        Stop failure = null;
        try {
            EmbeddingResponse response;
            Semaphore streams = sharedStreams;
            if (streams != null) {
                streams.acquireUninterruptibly();
            }
            try {
                response = session.embed(model, BatchDelivery.texts(batch), GigaChatSession.OnThrottle.THROW);
            } catch (ApiException e) {
                refused = e;
                response = null;
            } finally {
                if (streams != null) {
                    streams.release();
                }
            }
            if (refused != null) {
                tooLong = refused.status() == 413 ? tooLong(batch, refused) : null;
                return;
            }
            if (response.model() != null) {
                answeredModel = response.model();
            }
            delivery.deliver(batch, response, requests, retries, total, progress);
            landed = true;
        } catch (BatchDelivery.Failed e) {
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
                    pacer.succeeded();
                } else if (refused != null) {
                    answeredWithError(batch, sentEpoch, refused, tooLong);
                } else if (failure != null) {
                    stopLocked(failure);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** A text too long, and its pieces (null when it cannot be split): asked of the inputs outside the lock. */
    private record TooLong(TokenLimitRefusal refusal, List<Embedder.Input> pieces, Stop failure) {}

    private TooLong tooLong(Batch batch, ApiException e) {
        TokenLimitRefusal refusal = TokenLimitRefusal.parse(e.apiMessage().orElse(null))
                .filter(r -> r.index() < batch.size())
                .orElse(null);
        if (refusal == null) {
            return null;
        }
        Embedder.Input input = batch.inputs().get(refusal.index());
        try {
            synchronized (inputsLock) {
                return new TooLong(refusal, inputs.split(input, refusal), null);
            }
        } catch (IOException | RuntimeException failed) {
            return new TooLong(
                    refusal,
                    null,
                    Stop.failure("Could not split input #" + input.id() + ": " + describe(failed), failed));
        }
    }

    /** Under lock: a request was answered with an error status. */
    private void answeredWithError(Batch batch, long sentEpoch, ApiException e, TooLong tooLong) {
        if (stop != null) {
            return; // stopping anyway: the batch counts as remaining
        }
        switch (e.status()) {
            case 429 -> {
                if (pacer.throttled(sentEpoch, e.retryAfterSeconds().orElse(null))) {
                    queue.retry(batch);
                } else {
                    stopLocked(new Stop(StopKind.THROTTLED, e.getMessage(), e, null, null));
                }
            }
            case 413 -> tooLarge(batch, e, tooLong);
            case 402 -> stopLocked(new Stop(StopKind.PAYMENT, e.getMessage(), e, null, null));
            default -> stopLocked(Stop.failure(e.getMessage(), e));
        }
    }

    /** Under lock: replaces a too-long text by its pieces, or splits the batch, or stops. */
    private void tooLarge(Batch batch, ApiException e, TooLong tooLong) {
        if (tooLong != null) {
            Embedder.Input input = batch.inputs().get(tooLong.refusal().index());
            if (tooLong.failure() != null) {
                stopLocked(tooLong.failure());
            } else if (tooLong.pieces() == null) {
                stopLocked(new Stop(StopKind.TOO_LARGE, e.getMessage(), e, input, tooLong.refusal()));
            } else {
                queue.replace(batch, tooLong.refusal().index(), tooLong.pieces());
                total.addAndGet(tooLong.pieces().size() - 1L);
                splitTexts++;
            }
        } else if (batch.size() > 1) {
            queue.halve(batch);
        } else {
            stopLocked(new Stop(
                    StopKind.TOO_LARGE, e.getMessage(), e, batch.inputs().get(0), null));
        }
    }

    private void stopLocked(Stop reason) {
        if (stop == null) {
            stop = reason;
        }
    }

    private EmbeddingException toException(Stop reason, long done) {
        long remaining = remaining(done);
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
            case TOO_LARGE -> {
                Embedder.Input input = reason.input();
                TokenLimitRefusal limit = reason.limit();
                yield new InputTooLargeException(
                        "Embedder.Input #" + input.id() + " (" + input.text().length() + " characters) is too large for"
                                + " model " + model + ": " + reason.message()
                                + (limit == null ? " even when sent alone." : ", and it cannot be split further.")
                                + " " + counts(done),
                        input.id(),
                        limit == null ? -1 : limit.tokens(),
                        limit == null ? -1 : limit.max(),
                        done,
                        remaining,
                        reason.cause());
            }
            case THROTTLED ->
                new ThrottledException(
                        "GigaChat kept answering 429 Too Many Requests (" + Pacer.MAX_THROTTLE_STREAK
                                + " times in a row, even with one request at a time): " + reason.message()
                                + ". Another build or application may be using the same key's request limit;"
                                + " send fewer requests at a time, or try again later. " + counts(done),
                        Pacer.MAX_THROTTLE_STREAK,
                        done,
                        remaining,
                        reason.cause());
            case FAILURE ->
                new EmbeddingException(reason.message() + " " + counts(done), done, remaining, reason.cause());
        };
    }

    private long remaining(long done) {
        return Math.max(0, total.get() - done);
    }

    private String counts(long done) {
        return done + " of " + total.get() + " texts were embedded (" + remaining(done) + " remain).";
    }

    static String describe(Throwable e) {
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
