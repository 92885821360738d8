package io.github.gigachat.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** AIMD pacing on a clock that only moves when told to: every pause is exact. */
class PacerTest {
    private final ManualPaceClock clock = new ManualPaceClock();
    private final Pacer pacer = new Pacer(8, clock, max -> 0);

    @Test
    void aThrottleHalvesTheWindowOncePerWindow() {
        long sent = pacer.epoch();

        assertThat(pacer.throttled(sent, null)).isTrue();
        assertThat(pacer.window()).isEqualTo(4);
        assertThat(pacer.throttled(sent, null)).as("sent before the decrease").isTrue();
        assertThat(pacer.window()).isEqualTo(4);
        assertThat(pacer.throttled(pacer.epoch(), null)).isTrue();
        assertThat(pacer.window()).isEqualTo(2);
        assertThat(pacer.throttled(pacer.epoch(), null)).isTrue();
        assertThat(pacer.throttled(pacer.epoch(), null)).isTrue();
        assertThat(pacer.window()).isEqualTo(1);
        assertThat(pacer.hasRoom(0)).isTrue();
        assertThat(pacer.hasRoom(1)).isFalse();
    }

    @Test
    void successesWidenTheWindowByOneUpToTheConcurrency() {
        pacer.throttled(pacer.epoch(), null);
        assertThat(pacer.window()).isEqualTo(4);
        for (int i = 0; i < Pacer.GROW_AFTER_SUCCESSES - 1; i++) {
            pacer.succeeded();
        }
        assertThat(pacer.window()).isEqualTo(4);
        pacer.succeeded();
        assertThat(pacer.window()).isEqualTo(5);
        for (int i = 0; i < 10 * Pacer.GROW_AFTER_SUCCESSES; i++) {
            pacer.succeeded();
        }
        assertThat(pacer.window()).isEqualTo(8);
    }

    @Test
    void theBackoffDoublesPerThrottledWindowAndTheStreakEndsWithASuccess() {
        pacer.throttled(pacer.epoch(), null);
        assertThat(pacer.pause()).isEqualTo(Duration.ofMillis(500));
        pacer.throttled(pacer.epoch(), null);
        assertThat(pacer.pause()).isEqualTo(Duration.ofMillis(1000));
        pacer.throttled(pacer.epoch(), null);
        assertThat(pacer.pause()).isEqualTo(Duration.ofMillis(2000));

        pacer.succeeded();
        clock.advance(Duration.ofSeconds(5));
        pacer.throttled(pacer.epoch(), null);

        assertThat(pacer.throttleStreak()).isEqualTo(1);
        assertThat(pacer.pause()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void retryAfterWinsWhenLongerAndEverythingIsCappedAtSixtySeconds() {
        pacer.throttled(pacer.epoch(), 3L);
        assertThat(pacer.pause()).isEqualTo(Duration.ofSeconds(3));

        clock.advance(Duration.ofSeconds(3));
        assertThat(pacer.pause()).isZero();

        pacer.throttled(pacer.epoch(), 3600L);
        assertThat(pacer.pause()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aStaleThrottleWaitsOnlyForItsRetryAfter() {
        long old = pacer.epoch();
        pacer.throttled(old, null);
        clock.advance(Duration.ofMillis(500));
        assertThat(pacer.pause()).isZero();

        pacer.throttled(old, 2L);

        assertThat(pacer.pause()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pacer.throttleStreak()).isEqualTo(1);
    }

    @Test
    void jitterIsAddedAndBounded() {
        Pacer jittery = new Pacer(2, clock, max -> max + 1000);
        assertThat(jittery.backoff(1)).isEqualTo(Duration.ofMillis(500).plus(Pacer.JITTER));
        assertThat(new Pacer(2, clock, max -> 100).backoff(2)).isEqualTo(Duration.ofMillis(1100));
    }

    @Test
    void givesUpAfterTheLongestStreak() {
        for (int i = 0; i < Pacer.MAX_THROTTLE_STREAK; i++) {
            assertThat(pacer.throttled(pacer.epoch(), null)).isTrue();
        }
        assertThat(pacer.throttled(pacer.epoch(), null)).isFalse();
    }

    @Test
    void aPauseServedOnAClockThatDidNotMoveIsNotOwedAgain() {
        pacer.throttled(pacer.epoch(), null);
        long generation = pacer.pauseGeneration();
        assertThat(pacer.pause()).isPositive();

        pacer.served(generation);

        assertThat(pacer.pause()).isZero();
    }
}
