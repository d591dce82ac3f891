package io.imsg.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadProbeTest {

    @Test
    void aRedeliveryCountsAsADuplicateNotAsProgress() {
        LoadProbe probe = new LoadProbe(3, 0);

        probe.succeeded(0, System.nanoTime());
        probe.succeeded(0, System.nanoTime());
        probe.deadLettered(1);

        assertThat(probe.finished()).isEqualTo(2);
        assertThat(probe.duplicates()).isEqualTo(1);
        assertThat(probe.deadLetters()).isEqualTo(1);
        assertThat(probe.complete()).isFalse();
        probe.succeeded(2, System.nanoTime());
        assertThat(probe.complete()).isTrue();
        assertThat(probe.latencySinceLastCall().getTotalCount()).as("latency of first successes only").isEqualTo(2);
    }

    @Test
    void latencyRunsFromTheIntendedSendTimeNotFromTheActualOne() {
        LoadProbe probe = new LoadProbe(1, 0);

        probe.succeeded(0, System.nanoTime() - 50_000_000); // meant to go out 50 ms ago

        assertThat(probe.latencySinceLastCall().getMinValue()).isGreaterThanOrEqualTo(49_000);
    }

    @Test
    void sequenceNumbersOutsideTheRunAreRejected() {
        LoadProbe probe = new LoadProbe(10, 0);
        assertThatThrownBy(() -> probe.succeeded(10, 0)).hasMessage("sequence number 10 is outside this run's 0..9");
        assertThatThrownBy(() -> new LoadProbe(0, 0)).hasMessageStartingWith("messages must be between 1 and");
        assertThatThrownBy(() -> new LoadProbe(10, -1)).hasMessage("keys must be >= 0, was -1");
    }

    @Test
    void keysMayInterleaveFreelyAsLongAsEachKeyIsHandledInSequenceOrder() {
        LoadProbe probe = new LoadProbe(6, 3); // seq 0..5 carry keys 0, 1, 2, 0, 1, 2

        for (long seq : new long[] {2, 1, 0, 5, 3, 4}) {
            handled(probe, seq);
        }

        assertThat(probe.outOfKeyOrder()).isZero();
    }

    @Test
    void aMessageHandledBeforeTheEarlierOnesOfItsKeyIsOutOfOrder() {
        LoadProbe probe = new LoadProbe(9, 3);

        handled(probe, 6); // key 0, third message, before the first and second: out of order
        handled(probe, 0);
        probe.started(3); // key 0, second message, after the first: in order
        probe.deadLettered(3);
        handled(probe, 1);
        handled(probe, 4);

        assertThat(probe.outOfKeyOrder()).isEqualTo(1);
    }

    @Test
    void overtakingTheVeryNextMessageOfTheKeyIsCaughtToo() {
        LoadProbe probe = new LoadProbe(2, 1);

        handled(probe, 1);
        handled(probe, 0);

        assertThat(probe.outOfKeyOrder()).isEqualTo(1);
    }

    @Test
    void anAttemptThatStartsBeforeThePreviousMessageOfItsKeyFinishedIsOutOfOrder() {
        LoadProbe probe = new LoadProbe(6, 3); // seq 3 follows seq 0 on key 0, seq 4 follows seq 1

        probe.started(0);
        probe.started(3); // seq 0 still running: two messages of key 0 at once
        probe.started(1);
        probe.succeeded(1, System.nanoTime());
        probe.started(4); // seq 1 finished first: in order
        probe.started(4); // a retry of seq 4: still in order

        assertThat(probe.outOfKeyOrder()).isEqualTo(1);
    }

    @Test
    void theFirstMessageOfEachKeyHasNoPredecessorToWaitFor() {
        LoadProbe probe = new LoadProbe(6, 3);

        probe.started(2);
        probe.started(0);
        probe.started(1);

        assertThat(probe.outOfKeyOrder()).isZero();
        assertThatThrownBy(() -> probe.started(6)).hasMessage("sequence number 6 is outside this run's 0..5");
    }

    @Test
    void aRedeliveryIsADuplicateNotAnOrderViolation() {
        LoadProbe probe = new LoadProbe(4, 2);

        handled(probe, 0);
        handled(probe, 2);
        handled(probe, 0); // consumed again after a rebalance

        assertThat(probe.outOfKeyOrder()).isZero();
        assertThat(probe.duplicates()).isEqualTo(1);
    }

    @Test
    void withoutKeysNothingIsCheckedForOrder() {
        LoadProbe probe = new LoadProbe(3, 0);

        handled(probe, 2);
        handled(probe, 0);

        assertThat(probe.outOfKeyOrder()).isZero();
    }

    /** One attempt at {@code seq} that succeeds, as a handler reports it. */
    private static void handled(LoadProbe probe, long seq) {
        probe.started(seq);
        probe.succeeded(seq, System.nanoTime());
    }
}
