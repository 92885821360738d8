package io.github.gigachat.embed;

import java.time.Duration;

/**
 * Time as the embedder's pacing sees it: a monotonic clock and a way to wait. Tests pass one whose clock advances only
 * when it is asked to wait, so that a pause is exactly what the pacing asked for, whatever the machine's speed.
 */
public interface PaceClock {
    /** The system's monotonic clock and {@link Thread#sleep}. */
    PaceClock SYSTEM = new PaceClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };

    /** Nanoseconds since some fixed origin, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
