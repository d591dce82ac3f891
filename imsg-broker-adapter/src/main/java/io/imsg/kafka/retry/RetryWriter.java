package io.imsg.kafka.retry;

import io.imsg.api.header.ImsgHeaders;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.kafka.internal.RecordSender;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Moves a failed record to its next retry topic: the same key and value bytes, the original
 * headers, the attempt number to continue from, and where the record first came from. The record's
 * own timestamp (the time of this write) plus the stage's delay is when it becomes due.
 */
public final class RetryWriter {

    private final RecordSender sender;

    public RetryWriter(RecordSender sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    public CompletableFuture<RecordMetadata> write(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin,
            RetryStage next, int nextAttempt, Instant firstFailure) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            String key = header.key();
            if (!key.equals(ImsgHeaders.ATTEMPT) && !key.startsWith(ImsgHeaders.PREFIX + "retry-")) {
                headers.add(header);
            }
        }
        headers.add(HeaderMapping.utf8(ImsgHeaders.ATTEMPT, Integer.toString(nextAttempt)));
        headers.add(HeaderMapping.utf8(ImsgHeaders.RETRY_ORIGINAL_TOPIC, origin.topic()));
        headers.add(HeaderMapping.utf8(ImsgHeaders.RETRY_ORIGINAL_PARTITION, Integer.toString(origin.partition())));
        headers.add(HeaderMapping.utf8(ImsgHeaders.RETRY_ORIGINAL_OFFSET, Long.toString(origin.offset())));
        headers.add(HeaderMapping.utf8(ImsgHeaders.RETRY_ORIGINAL_TIMESTAMP, Long.toString(origin.timestamp())));
        headers.add(HeaderMapping.utf8(ImsgHeaders.RETRY_FIRST_FAILURE, firstFailure.toString()));
        return sender.send(new ProducerRecord<>(next.topic(), null, null, record.key(), record.value(), headers));
    }
}
