package io.imsg.kafka.consume.internal;

import io.imsg.kafka.consume.internal.Pauses.Reason;
import io.imsg.kafka.retry.RetryStage;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Holds back retry records until they are due (and records being redelivered, see
 * {@link Redeliveries}): a retry record is due its stage's delay after it was written. Until then
 * its partition is paused and rewound to it; records of one stage share a delay, so the head of a
 * partition is always due first. Never sleeps. Poll thread only.
 */
final class RetryHold {

    private final Consumer<?, ?> consumer;
    private final Pauses pauses;
    /** Held partitions, and when their head record is due (epoch millis). */
    private final Map<TopicPartition, Long> dueAt = new HashMap<>();

    RetryHold(Consumer<?, ?> consumer, Pauses pauses) {
        this.consumer = consumer;
        this.pauses = pauses;
    }

    /**
     * True when {@code record} is not due: its partition is now paused and rewound to it, and the
     * rest of the partition's batch must be dropped (it is fetched again after the pause). The due
     * time uses the record's timestamp but never a future one, so a forged timestamp cannot park
     * a partition for longer than the delay.
     */
    boolean holdIfNotDue(ConsumerRecord<?, ?> record, RetryStage stage) {
        long now = System.currentTimeMillis();
        long due = Math.min(record.timestamp(), now) + stage.delay().toMillis();
        if (due <= now) {
            return false;
        }
        holdAt(new TopicPartition(record.topic(), record.partition()), record.offset(), due);
        return true;
    }

    /** Pauses {@code partition} and rewinds it to {@code offset} until {@code due} (epoch millis). */
    void holdAt(TopicPartition partition, long offset, long due) {
        pauses.pause(partition, Reason.NOT_DUE);
        consumer.seek(partition, offset);
        dueAt.put(partition, due);
    }

    /** Lets partitions whose head record is now due fetch again. */
    void releaseDue() {
        long now = System.currentTimeMillis();
        for (Iterator<Map.Entry<TopicPartition, Long>> it = dueAt.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TopicPartition, Long> entry = it.next();
            if (entry.getValue() <= now) {
                pauses.resume(entry.getKey(), Reason.NOT_DUE);
                it.remove();
            }
        }
    }

    /** Partitions no longer assigned. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(dueAt::remove);
    }
}
