package io.imsg.kafka.retry;

import io.imsg.api.header.ImsgHeaders;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.kafka.internal.RecordSender;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Moves a record to a retry topic: the same key and value bytes, the original headers, the attempt
 * number to continue from, and where the record first came from. The record's own timestamp (the
 * time of this write) plus the stage's delay is when it becomes due.
 *
 * <p>With {@code samePartition}, a retry record goes to the partition number its record was consumed
 * from, which for a retry record is its source record's, so a key's source and retry records live
 * in partitions one member owns together (the ordered retry mode relies on it). Otherwise the
 * producer's partitioner picks, by key.
 */
public final class RetryWriter {

    private final RecordSender sender;
    private final boolean samePartition;

    public RetryWriter(RecordSender sender, boolean samePartition) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.samePartition = samePartition;
    }

    /** A failed record moves on to {@code next}, due again after its delay. */
    public CompletableFuture<RecordMetadata> write(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin,
            RetryStage next, int nextAttempt, Instant firstFailure) {
        return send(record, origin, next, nextAttempt, Optional.of(firstFailure), Optional.of(next.index()));
    }

    /**
     * A record that has not failed follows an earlier record of its key into {@code stage}, to be
     * handled after it; its attempt number and failure history are kept as they are.
     */
    public CompletableFuture<RecordMetadata> follow(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin,
            RetryStage stage, int attempt) {
        return send(record, origin, stage, attempt, origin.firstFailure(), failedStage(record));
    }

    /** The stage a record last moved to after failing itself, if it carries a plausible one. */
    public static Optional<Integer> failedStage(ConsumerRecord<byte[], byte[]> record) {
        OptionalLong stage = HeaderMapping.view(record.headers()).longValue(ImsgHeaders.RETRY_STAGE);
        return stage.isPresent() && stage.getAsLong() >= 0 && stage.getAsLong() < 1_000
                ? Optional.of((int) stage.getAsLong()) : Optional.empty();
    }

    private CompletableFuture<RecordMetadata> send(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin,
            RetryStage stage, int attempt, Optional<Instant> firstFailure, Optional<Integer> failedStage) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            String key = header.key();
            if (!key.equals(ImsgHeaders.ATTEMPT) && !key.startsWith(ImsgHeaders.PREFIX + "retry-")) {
                headers.add(header);
            }
        }
        headers.add(HeaderMapping.utf8(ImsgHeaders.ATTEMPT, Integer.toString(attempt)));
        headers.add(HeaderMapping.utf8(ImsgHeaders.RETRY_ORIGINAL_TOPIC, origin.topic()));
        headers.add(HeaderMapping.utf8(ImsgHeaders.RETRY_ORIGINAL_PARTITION, Integer.toString(origin.partition())));
        headers.add(HeaderMapping.utf8(ImsgHeaders.RETRY_ORIGINAL_OFFSET, Long.toString(origin.offset())));
        headers.add(HeaderMapping.utf8(ImsgHeaders.RETRY_ORIGINAL_TIMESTAMP, Long.toString(origin.timestamp())));
        firstFailure.ifPresent(at -> headers.add(HeaderMapping.utf8(ImsgHeaders.RETRY_FIRST_FAILURE, at.toString())));
        failedStage.ifPresent(index -> headers.add(HeaderMapping.utf8(ImsgHeaders.RETRY_STAGE, Integer.toString(index))));
        // The partition the record was consumed from, not the one its headers name: for a genuine record
        // they are the same, and a forged header must not send the write to a partition that may not exist.
        Integer partition = samePartition ? record.partition() : null;
        return sender.sendCopy(new ProducerRecord<>(stage.topic(), partition, null, record.key(), record.value(), headers));
    }
}
