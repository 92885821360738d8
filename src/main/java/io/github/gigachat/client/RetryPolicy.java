package io.github.gigachat.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, as the official SDK does it: {@code base * 2^n} plus up to {@code jitter}, each
 * delay capped, the whole run bounded by a deadline and an attempt count. A server's {@code Retry-After} wins over
 * the computed delay (still capped).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration jitter, Duration maxDelay, Duration deadline) {

    /** 4 attempts, 0.5 s · 2^n + up to 0.5 s jitter, at most 60 s a wait and 2 minutes in all. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(
            4, Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMinutes(2));

    /** Makes exactly one attempt. */
    public static final RetryPolicy NONE =
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(baseDelay);
        Objects.requireNonNull(jitter);
        Objects.requireNonNull(maxDelay);
        Objects.requireNonNull(deadline);
    }

    /**
     * The wait before attempt {@code retry + 1} (retry counts from 0), or {@code null} when no more attempt fits.
     *
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     * @param elapsed time spent since the first attempt started
     * @param random uniform values in [0, 1) for the jitter
     */
    public Duration delayBeforeRetry(int retry, Duration retryAfter, Duration elapsed, DoubleSupplier random) {
        if (retry + 1 >= maxAttempts) {
            return null;
        }
        Duration delay;
        if (retryAfter != null) {
            delay = retryAfter;
        } else {
            long exponential = baseDelay.toMillis() << Math.min(retry, 20);
            delay = Duration.ofMillis(exponential + (long) (jitter.toMillis() * random.getAsDouble()));
        }
        if (delay.compareTo(maxDelay) > 0) {
            delay = maxDelay;
        }
        if (elapsed.plus(delay).compareTo(deadline) > 0) {
            return null;
        }
        return delay;
    }
}
