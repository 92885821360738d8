package io.github.gigachat.embed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A pace clock that only moves when asked to wait, and records every wait: pauses are exactly what was asked. */
final class ManualPaceClock implements PaceClock {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        now.addAndGet(duration.toNanos());
    }

    void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
