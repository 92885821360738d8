package io.github.gigachat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {
    private final List<Long> starts = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-30T12:00:00Z");

    /** A clock the sleeper moves: each wait advances time by exactly the wait. */
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final RequestRateLimiter limiter =
            new RequestRateLimiter(10, Duration.ofMillis(1100), clock, wait -> now = now.plus(wait));

    private void request() throws InterruptedException {
        limiter.acquire();
        starts.add(now.toEpochMilli());
    }

    @Test
    void tenRequestsStartAtOnceAndTheEleventhWaitsForTheWindow() throws InterruptedException {
        for (int i = 0; i < 25; i++) {
            request();
        }
        long first = starts.get(0);
        assertThat(starts.subList(0, 10)).containsOnly(first);
        assertThat(starts.subList(10, 20)).containsOnly(first + 1100);
        assertThat(starts.subList(20, 25)).containsOnly(first + 2200);
    }

    @Test
    void noWindowEverHoldsMoreThanTenStarts() throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            request();
            now = now.plusMillis(i % 7 == 0 ? 300 : 13); // bursts and pauses
        }
        for (int i = 0; i + 10 < starts.size(); i++) {
            assertThat(starts.get(i + 10) - starts.get(i))
                    .as("the 11th start after start %d", i)
                    .isGreaterThanOrEqualTo(1100);
        }
    }

    @Test
    void requestsSpreadOverTimeNeverWait() throws InterruptedException {
        List<Duration> waits = new ArrayList<>();
        RequestRateLimiter spread = new RequestRateLimiter(10, Duration.ofMillis(1100), clock, waits::add);
        for (int i = 0; i < 30; i++) {
            spread.acquire();
            now = now.plusMillis(111);
        }
        assertThat(waits).isEmpty();
    }
}
