package io.imsg.kafka.consume.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits, for each partition, one past its contiguous finished prefix: periodically and
 * asynchronously while consuming, synchronously on revocation and on close. Poll thread only.
 */
final class OffsetCommitter {

    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);

    private final Consumer<byte[], byte[]> consumer;
    private final long intervalMillis;
    private long nextCommitAt;

    OffsetCommitter(Consumer<byte[], byte[]> consumer, Duration interval) {
        this.consumer = consumer;
        this.intervalMillis = interval.toMillis();
    }

    void commitIfDue(Collection<PartitionState> states) {
        long now = System.currentTimeMillis();
        if (now < nextCommitAt) {
            return;
        }
        nextCommitAt = now + intervalMillis;
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(states);
        if (offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, PartitionState> byPartition = index(states);
        consumer.commitAsync(offsets, (committed, failure) -> {
            if (failure != null) {
                log.warn("IMSG-1020 commit failed, the next one will cover it: {}", failure.toString());
            } else {
                committed.forEach((partition, offset) -> markCommitted(byPartition.get(partition), offset));
            }
        });
    }

    /** Commits now; a failure is logged, and those records will be consumed again. */
    void commitSync(Collection<PartitionState> states) {
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(states);
        if (offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, PartitionState> byPartition = index(states);
        try {
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException e) {
                // stop() may wake the consumer after the last poll returned; this first attempt
                // consumed the wakeup, so the second one commits.
                consumer.commitSync(offsets);
            }
            offsets.forEach((partition, offset) -> markCommitted(byPartition.get(partition), offset));
        } catch (KafkaException e) {
            log.warn("IMSG-1021 synchronous commit of {} failed; those records will be consumed again: {}",
                    offsets.keySet(), e.toString());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionState> states) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionState state : states) {
            long next = state.offsets.committable();
            if (next > state.committed) {
                offsets.put(state.partition, new OffsetAndMetadata(next));
            }
        }
        return offsets;
    }

    private static Map<TopicPartition, PartitionState> index(Collection<PartitionState> states) {
        Map<TopicPartition, PartitionState> byPartition = new HashMap<>();
        states.forEach(state -> byPartition.put(state.partition, state));
        return byPartition;
    }

    private static void markCommitted(PartitionState state, OffsetAndMetadata offset) {
        if (state != null) {
            state.committed = Math.max(state.committed, offset.offset());
        }
    }
}
