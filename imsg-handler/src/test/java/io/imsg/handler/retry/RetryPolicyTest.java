package io.imsg.handler.retry;

import static io.imsg.handler.testing.TestMessages.erasedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.core.IntervalFunction;
import io.imsg.api.RouteInfo;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.testing.TestContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void defaultsAreThreeAttemptsFromOneHundredMillisecondsWithinTenSeconds() {
        RetryPolicy defaults = RetryPolicy.ofDefaults();

        assertThat(defaults.maxAttempts()).isEqualTo(3);
        assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(defaults.multiplier()).isEqualTo(2.0);
        assertThat(defaults.jitter()).isEqualTo(0.5);
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.maxTotalTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.worstCaseTotalBackoff()).as("150 ms + 300 ms, plus a millisecond each for rounding")
                .isEqualTo(Duration.ofMillis(452));
    }

    @Test
    void toBuilderKeepsEverySetting() {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).initialBackoff(Duration.ofMillis(50)).multiplier(1.5)
                .jitter(0.2).maxBackoff(Duration.ofMillis(400)).maxTotalTime(Duration.ofSeconds(3)).build();

        assertThat(policy.toBuilder().build()).usingRecursiveComparison().isEqualTo(policy);
        assertThat(policy.toString()).contains("maxAttempts=5", "multiplier=1.5", "maxTotalTime=PT3S");
    }

    @Test
    void invalidPolicyNamesTheSetting() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAttempts must be >= 1, was 0");
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ZERO))
                .hasMessage("initialBackoff must be >= 1 ms, was PT0S");
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(null))
                .hasMessage("initialBackoff must not be null");
        assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5))
                .hasMessage("multiplier must be a finite number >= 1.0, was 0.5");
        assertThatThrownBy(() -> RetryPolicy.builder().multiplier(Double.NaN))
                .hasMessage("multiplier must be a finite number >= 1.0, was NaN");
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5))
                .hasMessage("jitter must be between 0.0 and 1.0, was 1.5");
        assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofMillis(-1)))
                .hasMessage("maxBackoff must be >= 1 ms, was PT-0.001S");
        assertThatThrownBy(() -> RetryPolicy.builder().maxTotalTime(Duration.ofNanos(10)))
                .hasMessage("maxTotalTime must be >= 1 ms, was PT0.00000001S");
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofMillis(500)).build())
                .hasMessage("maxBackoff must be >= initialBackoff (PT1S), was PT0.5S");
    }

    @Test
    void aPolicyWhoseWorstCaseBackoffExceedsMaxTotalTimeIsRejected() {
        RetryPolicy.Builder patient = RetryPolicy.builder().maxAttempts(10).maxBackoff(Duration.ofSeconds(5));

        assertThatThrownBy(patient::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxTotalTime must be >= the worst-case total backoff of PT")
                .hasMessageContaining("maxAttempts=10")
                .hasMessageContaining("was PT10S; a key waits while its message retries");
        assertThat(patient.maxTotalTime(Duration.ofMinutes(1)).build().worstCaseTotalBackoff())
                .isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theWorstCaseCountsEveryBackoffAtItsJitteredOrCappedMaximum() {
        RetryPolicy capped = RetryPolicy.builder().maxAttempts(6).initialBackoff(Duration.ofMillis(100)).multiplier(2)
                .jitter(0).maxBackoff(Duration.ofMillis(500)).build();

        // 100, 200, 400, then the 500 ms cap twice; without jitter only the rounding millisecond is added
        assertThat(capped.worstCaseTotalBackoff()).isEqualTo(Duration.ofMillis(101 + 201 + 401 + 500 + 500));
    }

    @Test
    void backoffsStayWithinTheirCapAndAddUpToNoMoreThanMaxTotalTime() {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(6).initialBackoff(Duration.ofMillis(100)).multiplier(3)
                .jitter(0.9).maxBackoff(Duration.ofMillis(1_000)).maxTotalTime(Duration.ofSeconds(5)).build();
        IntervalFunction backoff = policy.backoff();

        for (int sample = 0; sample < 10_000; sample++) {
            long total = 0;
            for (int retry = 1; retry < policy.maxAttempts(); retry++) {
                long wait = backoff.apply(retry);
                assertThat(wait).isBetween(1L, 1_000L);
                total += wait;
            }
            assertThat(Duration.ofMillis(total)).isLessThanOrEqualTo(policy.worstCaseTotalBackoff())
                    .isLessThanOrEqualTo(policy.maxTotalTime());
        }
    }

    @Test
    void aMessageThatKeepsFailingBacksOffBetweenAttempts() {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(20)).multiplier(2)
                .jitter(0.5).maxBackoff(Duration.ofMillis(200)).maxTotalTime(Duration.ofSeconds(1)).build();
        RouteInfo route = new RouteInfo("reserve-stock", "orders", OrderPlaced.class);
        long start = System.nanoTime();

        assertThatThrownBy(() -> RetryMiddleware.create(policy).wrap(route, (message, context) -> {
            throw new IllegalStateException("still down");
        }).handle(erasedOrder("o-1"), new TestContext(route)));

        // Only a lower bound: the upper bound (maxTotalTime) is proven on the interval function above,
        // since wall-clock ceilings in unit tests fail on a busy machine.
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(waited).as("at least the smallest jittered backoffs: 10 + 20 + 40 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(70));
    }
}
