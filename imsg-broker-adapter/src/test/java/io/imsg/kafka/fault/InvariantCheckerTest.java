package io.imsg.kafka.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.testkit.fault.Check;
import io.imsg.testkit.fault.InvariantChecker;
import io.imsg.testkit.fault.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The invariants of RELIABILITY.md, computed from A, P and D. */
class InvariantCheckerTest {

    @Test
    void everyAcknowledgedMessageHandledOrDeadLetteredOncePasses() {
        Verdict verdict = InvariantChecker.builder()
                .acknowledged(List.of("a", "b", "c"))
                .handled(List.of("a", "b"))
                .deadLettered(List.of("c"))
                .rawDuplicateBound(0)
                .check();

        assertThat(verdict.passed()).as(verdict.report()).isTrue();
        assertThat(verdict.counts()).isEqualTo("A=3 P=2 D=1 lost=0 both=0 rawDup=0 dltDup=0 effDup=n/a strays=0");
    }

    @Test
    void anAcknowledgedMessageNeitherHandledNorDeadLetteredIsLost() {
        Verdict verdict = InvariantChecker.builder()
                .acknowledged(List.of("a", "b", "c")).handled(List.of("a")).deadLettered(List.of("b")).check();

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.lost()).containsExactly("c");
        assertThat(verdict.report()).contains("FAIL lost").contains("lost (first 1): [c]");
    }

    @Test
    void aMessageBothHandledAndDeadLetteredFails() {
        Verdict verdict = InvariantChecker.builder()
                .acknowledged(List.of("a")).handled(List.of("a")).deadLettered(List.of("a")).check();

        assertThat(verdict.both()).containsExactly("a");
        assertThat(verdict.failures()).extracting(Check::name).containsExactly("handled and dead-lettered: P ∩ D = 0");
    }

    @Test
    void rawDuplicatesAreCountedBeyondTheFirstHandlingAndCheckedAgainstTheBound() {
        Verdict verdict = InvariantChecker.builder()
                .acknowledged(List.of("a", "b"))
                .handled(List.of("a", "a", "a", "b", "b"))
                .deadLettered(List.of())
                .rawDuplicateBound(2)
                .check();

        assertThat(verdict.rawDuplicates()).isEqualTo(3);
        assertThat(verdict.failures()).extracting(Check::name).containsExactly("raw handler duplicates <= 2");
    }

    @Test
    void aNegativeRawDuplicateBoundIsRejected() {
        assertThatThrownBy(() -> InvariantChecker.builder().rawDuplicateBound(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rawDuplicateBound must be >= 0, was -1");
    }

    @Test
    void anEffectAppliedTwiceIsAnEffectiveDuplicateAndStraysAreOnlyReported() {
        Verdict verdict = InvariantChecker.builder()
                .acknowledged(List.of("a"))
                .handled(List.of("a", "a", "never-acknowledged"))
                .deadLettered(List.of("dead", "dead"))
                .effects(List.of("a", "a", "never-acknowledged"))
                .check();

        assertThat(verdict.unacknowledgedButDelivered()).isEqualTo(2);
        assertThat(verdict.deadLetterDuplicates()).isEqualTo(1);
        assertThat(verdict.effectiveDuplicates()).hasValue(1);
        assertThat(verdict.failures()).extracting(Check::name).containsExactly("effective duplicates = 0");
    }

    @Test
    void rawDuplicatesTheStoreAbsorbedLeaveNoEffectiveDuplicate() {
        Verdict verdict = InvariantChecker.builder()
                .acknowledged(List.of("a", "b"))
                .handled(List.of("a", "a", "a", "b"))
                .deadLettered(List.of())
                .effects(List.of("a", "b"))
                .check();

        assertThat(verdict.passed()).as(verdict.report()).isTrue();
        assertThat(verdict.counts()).contains("rawDup=2").contains("effDup=0");
    }

    @Test
    void aHandlingWhoseEffectNeverBecameDurableIsALostEffect() {
        Verdict verdict = InvariantChecker.builder()
                .acknowledged(List.of("a", "b", "c"))
                .handled(List.of("a", "b"))
                .deadLettered(List.of("c"))
                .effects(List.of("a"))
                .check();

        assertThat(verdict.lost()).isEmpty();
        assertThat(verdict.failures()).extracting(Check::detail).containsExactly("1 without an effect");
    }

    @Test
    void checksAddedByTheTestTakePartInTheVerdict() {
        Verdict verdict = InvariantChecker.builder()
                .acknowledged(List.of("a")).handled(List.of("a")).deadLettered(List.of()).check()
                .and(Check.of("consumer still running", false, "exited with 3"));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.report()).contains("FAIL consumer still running: exited with 3");
    }
}
