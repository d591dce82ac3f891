package io.imsg.kafka.consume.internal;

import io.imsg.kafka.retry.OriginalRecord;
import io.imsg.kafka.retry.RetryStage;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decides whether a record may be handled now or must wait behind an earlier record of its key that
 * is in a retry topic, and learns where a key's records are. Called by workers, one record of a key
 * at a time (the ordering key spans a topic's retry topics in ordered mode).
 */
interface RetryOrder {

    /** What to do with a record before its handler runs. */
    Turn turnOf(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin);

    /** Where a record that just failed (retryably) goes next; empty means the dead-letter topic. */
    Optional<RetryStage> nextAfterFailure(ConsumerRecord<byte[], byte[]> record);

    /** The record was written to {@code stage} (after a failure, or following its key). */
    void movedTo(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin, RetryStage stage);

    /** The record was handled or dead-lettered: it no longer holds its key back. */
    void resolved(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin);

    /** A record's turn: handle it, drop it (a copy already waits in a retry topic), or follow its key. */
    record Turn(Kind kind, Optional<RetryStage> follow) {

        static final Turn HANDLE = new Turn(Kind.HANDLE, Optional.empty());
        static final Turn ALREADY_WAITING = new Turn(Kind.ALREADY_WAITING, Optional.empty());

        static Turn follow(RetryStage stage) {
            return new Turn(Kind.FOLLOW, Optional.of(stage));
        }
    }

    enum Kind { HANDLE, ALREADY_WAITING, FOLLOW }
}
