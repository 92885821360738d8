package io.github.gigachat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.DEFAULT;

    @Test
    void backsOffExponentiallyWithJitter() {
        assertThat(policy.delayBeforeRetry(0, null, Duration.ZERO, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayBeforeRetry(1, null, Duration.ZERO, () -> 0.0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delayBeforeRetry(2, null, Duration.ZERO, () -> 0.5)).isEqualTo(Duration.ofMillis(2250));
    }

    @Test
    void stopsAfterTheLastAttempt() {
        assertThat(policy.delayBeforeRetry(3, null, Duration.ZERO, () -> 0.0)).isNull();
    }

    @Test
    void honoursRetryAfterButCapsIt() {
        assertThat(policy.delayBeforeRetry(0, Duration.ofSeconds(7), Duration.ZERO, () -> 0.0))
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delayBeforeRetry(0, Duration.ofSeconds(600), Duration.ZERO, () -> 0.0))
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void givesUpWhenTheWaitWouldPassTheDeadline() {
        assertThat(policy.delayBeforeRetry(0, Duration.ofSeconds(30), Duration.ofSeconds(100), () -> 0.0))
                .isNull();
    }
}
