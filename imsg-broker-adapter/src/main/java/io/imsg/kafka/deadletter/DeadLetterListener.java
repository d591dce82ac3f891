package io.imsg.kafka.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Told about each dead letter once the broker acknowledged it (a write that is retried is reported
 * once, when it succeeds). Runs on a pool thread, never the producer's I/O thread, and should be
 * quick; a throw is logged and ignored, as the dead letter is already safe.
 */
@FunctionalInterface
public interface DeadLetterListener {

    /** Listens to nothing. */
    DeadLetterListener NONE = (record, failure) -> { };

    /** @param record the record as consumed, original headers included */
    void deadLettered(ConsumerRecord<byte[], byte[]> record, Failure failure);
}
