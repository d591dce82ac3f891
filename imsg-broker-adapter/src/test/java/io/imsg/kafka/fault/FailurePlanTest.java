package io.imsg.kafka.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.testkit.fault.FailurePlan;
import io.imsg.testkit.fault.FailurePlan.Outcome;
import org.junit.jupiter.api.Test;

/** The seeded plan behind every fault test: deterministic, at the asked rates, seed-sensitive. */
class FailurePlanTest {

    private static final int IDS = 200_000;

    @Test
    void theSameSeedIdAndAttemptAlwaysGiveTheSameOutcome() {
        FailurePlan one = new FailurePlan(42, 0.05, 0.005);
        FailurePlan other = new FailurePlan(42, 0.05, 0.005);

        for (int i = 0; i < 10_000; i++) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(one.outcome("m-" + i, attempt)).isEqualTo(other.outcome("m-" + i, attempt));
            }
        }
    }

    @Test
    void failuresHappenAtTheAskedRates() {
        FailurePlan plan = new FailurePlan(7, 0.05, 0.005);
        int permanent = 0;
        int transientFirst = 0;
        for (int i = 0; i < IDS; i++) {
            Outcome outcome = plan.outcome("m-" + i, 1);
            permanent += outcome == Outcome.PERMANENT ? 1 : 0;
            transientFirst += outcome == Outcome.TRANSIENT ? 1 : 0;
        }

        assertThat(permanent / (double) IDS).isBetween(0.004, 0.006);
        assertThat(transientFirst / (double) IDS).isBetween(0.045, 0.055);
    }

    @Test
    void aPermanentFailureFailsEveryAttemptAndATransientOneUsuallyPassesLater() {
        FailurePlan plan = new FailurePlan(7, 0.05, 0.005);
        int transientIds = 0;
        int failedAgain = 0;
        for (int i = 0; i < IDS; i++) {
            String id = "m-" + i;
            if (plan.isPermanent(id)) {
                assertThat(plan.outcome(id, 1)).isEqualTo(Outcome.PERMANENT);
                assertThat(plan.outcome(id, 5)).isEqualTo(Outcome.PERMANENT);
            } else if (plan.outcome(id, 1) == Outcome.TRANSIENT) {
                transientIds++;
                failedAgain += plan.outcome(id, 2) == Outcome.TRANSIENT ? 1 : 0;
            }
        }

        assertThat(failedAgain / (double) transientIds).as("attempts fail independently").isLessThan(0.1);
    }

    @Test
    void anotherSeedFailsOtherMessages() {
        FailurePlan one = new FailurePlan(1, 0.05, 0.005);
        FailurePlan two = new FailurePlan(2, 0.05, 0.005);
        int same = 0;
        int failing = 0;
        for (int i = 0; i < IDS; i++) {
            boolean first = one.outcome("m-" + i, 1) != Outcome.SUCCEED;
            boolean second = two.outcome("m-" + i, 1) != Outcome.SUCCEED;
            failing += first ? 1 : 0;
            same += first && second ? 1 : 0;
        }

        assertThat(same / (double) failing).as("overlap of two seeds' failures").isLessThan(0.15);
    }

    @Test
    void ratesOutsideZeroToOneAreRejectedByName() {
        assertThatThrownBy(() -> new FailurePlan(1, 1.5, 0)).hasMessageContaining("transientRate");
        assertThatThrownBy(() -> new FailurePlan(1, 0, -0.1)).hasMessageContaining("permanentRate");
        assertThatThrownBy(() -> new FailurePlan(1, Double.NaN, 0)).hasMessageContaining("transientRate");
    }
}
