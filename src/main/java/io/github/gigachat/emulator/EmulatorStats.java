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
    private final AtomicInteger oauthInFlight = new AtomicInteger();
    private final AtomicInteger maxOAuthInFlight = new AtomicInteger();
    private final AtomicInteger maxOAuthPerSecond = new AtomicInteger();
    private final AtomicInteger oauthTooManyRequests = new AtomicInteger();
    private final AtomicInteger certificateAuthenticated = new AtomicInteger();
    private final AtomicLong embeddedTexts = new AtomicLong();
    private final AtomicLong billedTokens = new AtomicLong();

    EmulatorStats() {
        for (Endpoint e : Endpoint.values()) {
            perEndpoint.put(e, new AtomicInteger());
        }
    }

    /**
     * Requests received for {@code endpoint} (whatever the answer); {@link Endpoint#ANY} gives the total. Token requests
     * are counted apart by their endpoint: {@link Endpoint#OAUTH} for the Authorization Key, {@link Endpoint#TOKEN} for
     * user and password.
     */
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

    /**
     * The most token requests (POSTs to the OAuth endpoint, whatever their answer) that started within one second of
     * each other: a client that shares its token keeps this at 10 or below, the real endpoint's limit.
     */
    public int maxOAuthRequestsPerSecond() {
        return maxOAuthPerSecond.get();
    }

    /** Highest number of token requests in flight at once (from arrival until the answer is ready). */
    public int maxConcurrentOAuthRequests() {
        return maxOAuthInFlight.get();
    }

    /** Token requests in flight right now. */
    public int inFlightOAuthRequests() {
        return oauthInFlight.get();
    }

    /** 429 answers sent by the OAuth rate limit (not those of injected faults). */
    public int oauthTooManyRequests() {
        return oauthTooManyRequests.get();
    }

    /**
     * API requests that had no Authorization header and were let in by the client certificate of their TLS connection.
     */
    public int clientCertificateRequests() {
        return certificateAuthenticated.get();
    }

    /** Texts embedded successfully (refused requests do not count). */
    public long embeddedTexts() {
        return embeddedTexts.get();
    }

    /** Tokens billed for successful embeddings, prepaid and postpaid alike. */
    public long billedTokens() {
        return billedTokens.get();
    }

    /**
     * Sets every counter back to 0 (the high-water marks of requests in flight to those in flight now). The rate window
     * itself is not cleared: the next token request still counts those of the second before it.
     */
    public void reset() {
        perEndpoint.values().forEach(c -> c.set(0));
        total.set(0);
        maxInFlight.set(inFlight.get());
        tooManyRequests.set(0);
        maxOAuthInFlight.set(oauthInFlight.get());
        maxOAuthPerSecond.set(0);
        oauthTooManyRequests.set(0);
        certificateAuthenticated.set(0);
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

    void oauthStarted(int inLastSecond) {
        maxOAuthPerSecond.accumulateAndGet(inLastSecond, Math::max);
        int now = oauthInFlight.incrementAndGet();
        maxOAuthInFlight.accumulateAndGet(now, Math::max);
    }

    void oauthFinished() {
        oauthInFlight.decrementAndGet();
    }

    void rejectedOAuthForRate() {
        oauthTooManyRequests.incrementAndGet();
    }

    void authenticatedByCertificate() {
        certificateAuthenticated.incrementAndGet();
    }

    void embedded(int texts, long tokens) {
        embeddedTexts.addAndGet(texts);
        billedTokens.addAndGet(tokens);
    }

    @Override
    public String toString() {
        return "EmulatorStats[total=" + totalRequests() + ", perEndpoint=" + perEndpoint + ", maxConcurrent="
                + maxConcurrentApiRequests() + ", tooManyRequests=" + tooManyRequests() + ", maxOAuthPerSecond="
                + maxOAuthRequestsPerSecond() + ", maxConcurrentOAuth=" + maxConcurrentOAuthRequests()
                + ", oauthTooManyRequests=" + oauthTooManyRequests() + ", clientCertificateRequests="
                + clientCertificateRequests() + ", embeddedTexts="
                + embeddedTexts() + ", billedTokens=" + billedTokens() + "]";
    }
}
