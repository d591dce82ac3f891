package io.imsg.kafka.consume.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.kafka.consume.internal.Pauses.Reason;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Pure bookkeeping; MockConsumer only records which partitions are paused. */
class PausesTest {

    private final TopicPartition partition = new TopicPartition("orders", 0);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private final Pauses pauses = new Pauses(consumer);

    PausesTest() {
        consumer.assign(List.of(partition));
    }

    @Test
    void aPartitionResumesOnlyWhenItsLastReasonIsLifted() {
        pauses.pause(partition, Reason.BACKPRESSURE);
        pauses.pause(partition, Reason.STALLED_WRITE);

        pauses.resume(partition, Reason.BACKPRESSURE);
        assertThat(consumer.paused()).containsExactly(partition);

        pauses.resume(partition, Reason.STALLED_WRITE);
        assertThat(consumer.paused()).isEmpty();
        assertThat(pauses.count()).isZero();
    }

    @Test
    void liftingAReasonThePartitionDoesNotHaveChangesNothing() {
        pauses.pause(partition, Reason.NOT_DUE);

        assertThat(pauses.resume(partition, Reason.BACKPRESSURE)).isFalse();
        assertThat(consumer.paused()).containsExactly(partition);
        assertThat(pauses.isPaused(partition, Reason.NOT_DUE)).isTrue();
    }

    @Test
    void forgottenPartitionsLeaveTheCount() {
        pauses.pause(partition, Reason.NOT_DUE);
        pauses.forget(List.of(partition));

        assertThat(pauses.count()).isZero();
        assertThat(pauses.pausedFor(Reason.NOT_DUE)).isEmpty();
    }
}
