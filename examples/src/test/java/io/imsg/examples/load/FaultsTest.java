package io.imsg.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.failure.NonRetryableException;
import io.imsg.api.failure.RetryableException;
import org.junit.jupiter.api.Test;

class FaultsTest {

    @Test
    void sharesOfFailuresMatchThePercentagesAndNeverOverlap() {
        Faults faults = new Faults(5, 2);
        int retried = 0;
        int dead = 0;
        for (long seq = 0; seq < 100_000; seq++) {
            boolean dies = faults.deadLetters(seq);
            boolean retries = faults.failsFirstAttempt(seq);
            assertThat(dies && retries).isFalse();
            retried += retries ? 1 : 0;
            dead += dies ? 1 : 0;
        }
        assertThat(retried).isBetween(4_500, 5_500);
        assertThat(dead).isBetween(1_700, 2_300).isEqualTo((int) faults.deadLetterCount(100_000));
    }

    @Test
    void aRetriedMessageFailsOnlyItsFirstAttemptAndADeadLetterEveryAttempt() {
        Faults faults = new Faults(50, 25);
        long retried = firstWhere(faults::failsFirstAttempt);
        long dead = firstWhere(faults::deadLetters);

        assertThatThrownBy(() -> faults.apply(retried, 1)).isInstanceOf(RetryableException.class);
        assertThatCode(() -> faults.apply(retried, 2)).doesNotThrowAnyException();
        assertThatThrownBy(() -> faults.apply(dead, 1)).isInstanceOf(NonRetryableException.class);
        assertThatThrownBy(() -> faults.apply(dead, 3)).isInstanceOf(NonRetryableException.class);
    }

    @Test
    void percentagesOutOfRangeAreRejectedByName() {
        assertThatThrownBy(() -> new Faults(-1, 0)).hasMessage("failurePercent must be between 0 and 100, was -1.0");
        assertThatThrownBy(() -> new Faults(0, 101)).hasMessage("deadLetterPercent must be between 0 and 100, was 101.0");
        assertThatThrownBy(() -> new Faults(60, 50)).hasMessage("failurePercent + deadLetterPercent must be <= 100, was 110.0");
        assertThat(Faults.none().any()).isFalse();
    }

    private static long firstWhere(java.util.function.LongPredicate predicate) {
        for (long seq = 0; ; seq++) {
            if (predicate.test(seq)) {
                return seq;
            }
        }
    }
}
