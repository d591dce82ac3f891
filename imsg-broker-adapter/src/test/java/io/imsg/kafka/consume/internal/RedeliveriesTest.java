package io.imsg.kafka.consume.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RedeliveriesTest {

    private static final TopicPartition PARTITION = new TopicPartition("orders", 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private final List<String> rewound = new ArrayList<>();
    private final Redeliveries redeliveries = new Redeliveries(new RetryHold(consumer, new Pauses(consumer)),
            rewound::add);
    private final PartitionState state = new PartitionState(PARTITION);

    RedeliveriesTest() {
        consumer.assign(List.of(PARTITION));
        consumer.seek(PARTITION, 10);
        for (long offset = 3; offset < 10; offset++) {
            state.offsets.track(offset);
        }
        state.offsets.complete(3);
        state.offsets.complete(6); // 4 and 5 still queued or running, 6 done, 7 asks to be consumed again
    }

    @Test
    void thePartitionIsConsumedAgainFromItsFirstUnfinishedRecordNotFromTheOneThatAsked() {
        state.redeliverFrom(7);

        redeliveries.rewindRequested(List.of(state));

        assertThat(consumer.position(PARTITION)).as("4 would be committed past from 7").isEqualTo(4);
        assertThat(consumer.paused()).containsExactly(PARTITION);
    }

    @Test
    void aLaterRequestBeforeTheRefetchDoesNotMoveTheRewindForward() {
        state.redeliverFrom(7);
        redeliveries.rewindRequested(List.of(state));
        state.redeliverFrom(9);

        redeliveries.rewindRequested(List.of(state));

        assertThat(consumer.position(PARTITION)).isEqualTo(4);
    }

    @Test
    void moreRequestsBeforeTheRefetchNeitherDelayItNorCountAsARepeat() {
        state.redeliverFrom(7);
        redeliveries.rewindRequested(List.of(state));
        state.redeliverFrom(8);
        redeliveries.rewindRequested(List.of(state));
        PartitionState refetched = state.restarted();
        refetched.offsets.track(4);
        refetched.redeliverFrom(4);

        redeliveries.rewindRequested(List.of(refetched));

        assertThat(consumer.position(PARTITION)).isEqualTo(4);
        assertThat(redeliveries.lastDelayMillis(PARTITION)).as("the second time from 4, not the third")
                .isEqualTo(Redeliveries.delayMillis(2));
        assertThat(rewound).as("one per rewind, for the redeliveries meter").containsExactly("orders", "orders");
    }

    @Test
    void aRevokedStateAsksForNothing() {
        state.redeliverFrom(7);
        state.revoke();

        redeliveries.rewindRequested(List.of(state));

        assertThat(consumer.position(PARTITION)).isEqualTo(10);
        assertThat(consumer.paused()).isEmpty();
        assertThat(rewound).isEmpty();
    }

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
        state.redeliverFrom(7);
        state.redeliverFrom(5);
        state.redeliverFrom(9);

        assertThat(state.takeRedelivery()).isEqualTo(5);
        assertThat(state.takeRedelivery()).isEqualTo(-1);
    }
}
