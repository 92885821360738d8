package io.github.gigachat.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Counts the token requests that started within the last second (a sliding window, on the emulator's clock): the real
 * OAuth endpoint allows 10 per second, and parallel clients that each fetch their own token run into its 429.
 */
final class OAuthRateWindow {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final Clock clock;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();

    OAuthRateWindow(Clock clock) {
        this.clock = clock;
    }

    /** Records a token request starting now; the number of them (this one included) in the last second. */
    synchronized int start() {
        long now = nanos(clock.instant());
        while (!starts.isEmpty() && starts.peekFirst() <= now - SECOND_NANOS) {
            starts.removeFirst();
        }
        starts.addLast(now);
        return starts.size();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * SECOND_NANOS + instant.getNano();
    }
}
