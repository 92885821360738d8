package io.github.gigachat.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the requests to one endpoint under its rate limit: at most {@code permits} starts in any window of the given
 * length, for every client of this JVM (the modules of a {@code -T} build and every goal share it). The OAuth endpoint
 * allows 10 token requests per second; parallel clients that each go their own way get 429 there.
 *
 * <p>Each caller reserves the earliest slot that keeps the limit (the slot {@code permits} reservations back plus the
 * window) and waits for it outside the lock, so callers are served in order and none waits longer than needed.
 */
public final class RequestRateLimiter {
    /**
     * The OAuth endpoint's limit is 10 per second; the window has a margin of 200 ms for the jitter between a
     * request's start here and its arrival there.
     */
    static final int OAUTH_PERMITS = 10;

    static final Duration OAUTH_WINDOW = Duration.ofMillis(1200);

    private static final Map<String, RequestRateLimiter> SHARED = new ConcurrentHashMap<>();

    /** Milliseconds that only go forward (a wall clock stepped back by NTP would make every caller wait). */
    private static final Clock MONOTONIC = new Clock() {
        private final long origin = System.nanoTime();

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return (System.nanoTime() - origin) / 1_000_000;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(millis());
        }
    };

    private final long windowMillis;
    private final long[] slots;
    private final Clock clock;
    private final Sleeper sleeper;
    private long reservations;

    public RequestRateLimiter(int permits, Duration window, Clock clock, Sleeper sleeper) {
        if (permits < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("permits and window must be positive");
        }
        this.windowMillis = window.toMillis();
        this.slots = new long[permits];
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The limiter of this JVM for the OAuth endpoint at {@code uri} (one per scheme, host and port). */
    static RequestRateLimiter forOAuth(URI uri) {
        String origin = (uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()).toLowerCase(Locale.ROOT);
        return SHARED.computeIfAbsent(
                origin, o -> new RequestRateLimiter(OAUTH_PERMITS, OAUTH_WINDOW, MONOTONIC, Sleeper.REAL));
    }

    /** Waits until one more request may start. */
    public void acquire() throws InterruptedException {
        long wait = reserve() - clock.millis();
        if (wait > 0) {
            sleeper.sleep(Duration.ofMillis(wait));
        }
    }

    /** Reserves the next slot and returns its time in epoch milliseconds. */
    private synchronized long reserve() {
        long now = clock.millis();
        int index = (int) (reservations % slots.length);
        long slot = reservations < slots.length ? now : Math.max(now, slots[index] + windowMillis);
        slots[index] = slot;
        reservations++;
        return slot;
    }
}
