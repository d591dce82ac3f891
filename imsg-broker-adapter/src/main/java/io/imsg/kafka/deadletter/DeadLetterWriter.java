package io.imsg.kafka.deadletter;

import io.imsg.kafka.lanes.PriorityLanes;

import io.imsg.kafka.internal.RecordSender;
import io.imsg.kafka.retry.OriginalRecord;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes a failed record to {@code <topic>.dlt}: its original key and value bytes untouched, its
 * original headers kept, and iMSG's failure metadata added (see {@link DeadLetterHeaders}). The
 * partition is chosen from the key, like any keyed record, so one key's dead letters stay in order
 * whatever the dead-letter topic's partition count.
 *
 * <p>The returned future completes when the broker acknowledged the write; only then may the
 * original offset be committed.
 */
public final class DeadLetterWriter {

    private final RecordSender sender;
    private final String consumerGroup;

    public DeadLetterWriter(RecordSender sender, String consumerGroup) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.consumerGroup = Objects.requireNonNull(consumerGroup, "consumerGroup");
    }

    /** @param origin where the record first came from; its topic names the dead-letter topic */
    public CompletableFuture<RecordMetadata> write(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin,
            Failure failure) {
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(
                DeadLetterTopics.of(PriorityLanes.logicalOf(origin.topic())),
                null,
                record.key(),
                record.value(),
                DeadLetterHeaders.build(record, origin, failure, consumerGroup));
        return sender.send(deadLetter);
    }
}
