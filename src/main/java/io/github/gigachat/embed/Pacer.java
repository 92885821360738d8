package io.github.gigachat.embed;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * How many requests may be in flight, and when the next may start: additive increase, multiplicative decrease on 429.
 *
 * <p>The window starts at the concurrency asked for. A 429 halves it, once per window: 429s of requests sent before the
 * last decrease (an older {@link #epoch()}) do not count again. {@value #GROW_AFTER_SUCCESSES} successes since the
 * last change widen it by one, up to the concurrency; it never drops below 1. After a 429 no request starts before the
 * server's {@code Retry-After} has passed, nor before an exponential backoff ({@code 0.5 s} doubling per throttled
 * window in a row, plus up to {@code 0.25 s} of jitter, at most 60 s). After {@value #MAX_THROTTLE_STREAK} throttled
 * windows in a row without a success, pacing gives up.
 *
 * <p>Not thread-safe: the coordinator calls it under its lock. Time comes from a {@link PaceClock}, jitter from an
 * operator given the largest jitter in milliseconds, so tests can make every pause exact.
 */
final class Pacer {
    /** Successful requests after which the window grows by one. */
    static final int GROW_AFTER_SUCCESSES = 8;
    /** Throttled windows in a row (with no success between them) after which pacing gives up. */
    static final int MAX_THROTTLE_STREAK = 10;

    static final Duration BASE_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    static final Duration JITTER = Duration.ofMillis(250);

    /** A uniformly random jitter between 0 and the given maximum, in milliseconds. */
    static final LongUnaryOperator RANDOM_JITTER =
            max -> ThreadLocalRandom.current().nextLong(max + 1);

    private final int maxWindow;
    private final PaceClock clock;
    private final LongUnaryOperator jitter;

    private int window;
    private long epoch;
    private int successesSinceChange;
    private int throttleStreak;
    private boolean paused;
    private long pauseUntilNanos;
    private long pauseGeneration;

    Pacer(int maxWindow, PaceClock clock, LongUnaryOperator jitter) {
        if (maxWindow < 1) {
            throw new IllegalArgumentException("window of " + maxWindow + ": use at least 1");
        }
        this.maxWindow = maxWindow;
        this.window = maxWindow;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    /** Requests allowed in flight now. */
    int window() {
        return window;
    }

    /** Bumped on every decrease of the window; a request remembers the epoch it was sent in. */
    long epoch() {
        return epoch;
    }

    /** Throttled windows in a row so far. */
    int throttleStreak() {
        return throttleStreak;
    }

    boolean hasRoom(int inFlight) {
        return inFlight < window;
    }

    /** A request succeeded: the streak ends, and every {@value #GROW_AFTER_SUCCESSES} the window widens. */
    void succeeded() {
        throttleStreak = 0;
        if (++successesSinceChange >= GROW_AFTER_SUCCESSES && window < maxWindow) {
            window++;
            successesSinceChange = 0;
        }
    }

    /**
     * A request sent in {@code sentEpoch} was answered 429: narrows the window (once per window) and pauses new
     * requests for the backoff or the server's {@code retryAfterSeconds} (null if it sent none), whichever is longer.
     *
     * @return false when throttling has gone on for {@value #MAX_THROTTLE_STREAK} windows in a row: give up
     */
    boolean throttled(long sentEpoch, Long retryAfterSeconds) {
        boolean fresh = sentEpoch == epoch;
        if (fresh) {
            window = Math.max(1, window / 2);
            epoch++;
            successesSinceChange = 0;
            throttleStreak++;
            if (throttleStreak > MAX_THROTTLE_STREAK) {
                return false;
            }
        }
        Duration wait = fresh ? backoff(throttleStreak) : Duration.ZERO;
        if (retryAfterSeconds != null && Duration.ofSeconds(retryAfterSeconds).compareTo(wait) > 0) {
            wait = Duration.ofSeconds(retryAfterSeconds);
        }
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        if (!wait.isZero()) {
            long until = clock.nanoTime() + wait.toNanos();
            if (!paused || until - pauseUntilNanos > 0) {
                paused = true;
                pauseUntilNanos = until;
                pauseGeneration++;
            }
        }
        return true;
    }

    /** How long to wait before the next request may start; zero when it may start now. */
    Duration pause() {
        if (!paused) {
            return Duration.ZERO;
        }
        long wait = pauseUntilNanos - clock.nanoTime();
        if (wait <= 0) {
            paused = false;
            return Duration.ZERO;
        }
        return Duration.ofNanos(wait);
    }

    /** Identifies the current pause, for {@link #served}. */
    long pauseGeneration() {
        return pauseGeneration;
    }

    /**
     * The coordinator has waited out the pause of {@code generation}; a later, longer pause is still owed. (A clock
     * that did not move while waiting must not make the coordinator wait again and again.)
     */
    void served(long generation) {
        if (generation == pauseGeneration) {
            paused = false;
        }
    }

    /** The backoff after {@code streak} throttled windows in a row: 0.5 s doubling, plus jitter, at most 60 s. */
    Duration backoff(int streak) {
        long millis = BASE_BACKOFF.toMillis() << Math.min(Math.max(streak - 1, 0), 20);
        millis = Math.min(millis, MAX_BACKOFF.toMillis());
        long extra = Math.max(0, Math.min(JITTER.toMillis(), jitter.applyAsLong(JITTER.toMillis())));
        return Duration.ofMillis(millis + extra);
    }
}
