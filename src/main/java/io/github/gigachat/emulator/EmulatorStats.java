package io.github.gigachat.emulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Live, thread-safe counters of what an emulator served, for tests to assert on client behaviour. */
public final class EmulatorStats {
    private final Map<Endpoint, AtomicInteger> perEndpoint = new EnumMap<>(Endpoint.class);
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger tooManyRequests = new AtomicInteger();
    private final AtomicLong embeddedTexts = new AtomicLong();
    private final AtomicLong billedTokens = new AtomicLong();

    EmulatorStats() {
        for (Endpoint e : Endpoint.values()) {
            perEndpoint.put(e, new AtomicInteger());
        }
    }

    /** Requests received for {@code endpoint} (whatever the answer); {@link Endpoint#ANY} gives the total. */
    public int requests(Endpoint endpoint) {
        return endpoint == Endpoint.ANY
                ? totalRequests()
                : perEndpoint.get(endpoint).get();
    }

    /** All requests received, including OAuth and unknown paths. */
    public int totalRequests() {
        return total.get();
    }

    /** Highest number of admitted API requests (not OAuth) in flight at once, over all accounts. */
    public int maxConcurrentApiRequests() {
        return maxInFlight.get();
    }

    /** Admitted API requests in flight right now. */
    public int inFlightApiRequests() {
        return inFlight.get();
    }

    /** 429 answers sent by the concurrency limiter (not those of injected faults). */
    public int tooManyRequests() {
        return tooManyRequests.get();
    }

    /** Texts embedded successfully (refused requests do not count). */
    public long embeddedTexts() {
        return embeddedTexts.get();
    }

    /** Tokens billed for successful embeddings, prepaid and postpaid alike. */
    public long billedTokens() {
        return billedTokens.get();
    }

    /** Sets every counter back to 0 (the high-water mark to the requests in flight now). */
    public void reset() {
        perEndpoint.values().forEach(c -> c.set(0));
        total.set(0);
        maxInFlight.set(inFlight.get());
        tooManyRequests.set(0);
        embeddedTexts.set(0);
        billedTokens.set(0);
    }

    void countRequest(Endpoint endpoint) {
        total.incrementAndGet();
        if (endpoint != null && endpoint != Endpoint.ANY) {
            perEndpoint.get(endpoint).incrementAndGet();
        }
    }

    void admitted() {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    void rejectedForConcurrency() {
        tooManyRequests.incrementAndGet();
    }

    void embedded(int texts, long tokens) {
        embeddedTexts.addAndGet(texts);
        billedTokens.addAndGet(tokens);
    }

    @Override
    public String toString() {
        return "EmulatorStats[total=" + totalRequests() + ", perEndpoint=" + perEndpoint + ", maxConcurrent="
                + maxConcurrentApiRequests() + ", tooManyRequests=" + tooManyRequests() + ", embeddedTexts="
                + embeddedTexts() + ", billedTokens=" + billedTokens() + "]";
    }
}
