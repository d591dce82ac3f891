package io.imsg.kafka.consume.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedeliveriesTest {

    @Test
    void theDelayDoublesForTheSameRecordUpToThirtySeconds() {
        assertThat(Redeliveries.delayMillis(1)).isEqualTo(1_000);
        assertThat(Redeliveries.delayMillis(2)).isEqualTo(2_000);
        assertThat(Redeliveries.delayMillis(5)).isEqualTo(16_000);
        assertThat(Redeliveries.delayMillis(6)).isEqualTo(30_000);
        assertThat(Redeliveries.delayMillis(1_000)).isEqualTo(30_000);
    }

    @Test
    void aWorkerAskingTwiceGetsTheLowerOffsetAndTheRequestIsTakenOnce() {
        PartitionState state = new PartitionState(new org.apache.kafka.common.TopicPartition("t", 0));
        state.redeliverFrom(7);
        state.redeliverFrom(5);
        state.redeliverFrom(9);

        assertThat(state.takeRedelivery()).isEqualTo(5);
        assertThat(state.takeRedelivery()).isEqualTo(-1);
    }
}
