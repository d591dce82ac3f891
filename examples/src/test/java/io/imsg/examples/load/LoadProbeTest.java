package io.imsg.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadProbeTest {

    @Test
    void aRedeliveryCountsAsADuplicateNotAsProgress() {
        LoadProbe probe = new LoadProbe(3);

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
        LoadProbe probe = new LoadProbe(1);

        probe.succeeded(0, System.nanoTime() - 50_000_000); // meant to go out 50 ms ago

        assertThat(probe.latencySinceLastCall().getMinValue()).isGreaterThanOrEqualTo(49_000);
    }

    @Test
    void sequenceNumbersOutsideTheRunAreRejected() {
        LoadProbe probe = new LoadProbe(10);
        assertThatThrownBy(() -> probe.succeeded(10, 0)).hasMessage("sequence number 10 is outside this run's 0..9");
        assertThatThrownBy(() -> new LoadProbe(0)).hasMessageStartingWith("messages must be between 1 and");
    }
}
