package io.github.gigachat.embed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Logs embedding progress every 5 seconds while it runs: texts done of the total, rate, time left. */
final class ProgressTicker implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gigachat-embed-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock;
    private final Instant started;
    private final Consumer<String> log;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    ProgressTicker(Clock clock, Consumer<String> log) {
        this.clock = clock;
        this.log = log;
        this.started = clock.instant();
        timer.scheduleAtFixedRate(this::report, 5, 5, TimeUnit.SECONDS);
    }

    /** What the embedder reports after every batch. */
    void update(long doneSoFar, long totalSoFar) {
        done.set(doneSoFar);
        total.set(totalSoFar);
    }

    private void report() {
        long doneNow = done.get();
        double seconds =
                Math.max(0.001, Duration.between(started, clock.instant()).toMillis() / 1000.0);
        double rate = doneNow / seconds;
        String left = rate > 0 ? String.format(Locale.ROOT, ", about %.0f s left", (total.get() - doneNow) / rate) : "";
        log.accept(String.format(Locale.ROOT, "Embedding: %d/%d chunks (%.1f/s%s)", doneNow, total.get(), rate, left));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
