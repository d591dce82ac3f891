package io.imsg.kafka.retry;

import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.header.MessageHeaders;
import io.imsg.kafka.lanes.PriorityLanes;
import io.imsg.kafka.internal.HeaderMapping;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a record first entered iMSG: its own coordinates on a routed topic, or, on a retry topic,
 * the coordinates its retry headers carry. Dead letters report these, and go to the base topic's
 * dead-letter topic.
 *
 * <p>Retry headers are believed only on a retry topic and only when they name that topic's base:
 * a record cannot steer its dead letter to another topic by forging them.
 */
public record OriginalRecord(String topic, int partition, long offset, long timestamp, Optional<Instant> firstFailure) {

    public static OriginalRecord of(ConsumerRecord<byte[], byte[]> record, RetryTopology topology) {
        String base = topology.baseOf(record.topic());
        OriginalRecord own = new OriginalRecord(base, record.partition(), record.offset(), record.timestamp(),
                Optional.empty());
        if (topology.stageOf(record.topic()).isEmpty()) {
            return own;
        }
        MessageHeaders headers = HeaderMapping.view(record.headers());
        OptionalLong partition = headers.longValue(ImsgHeaders.RETRY_ORIGINAL_PARTITION);
        OptionalLong offset = headers.longValue(ImsgHeaders.RETRY_ORIGINAL_OFFSET);
        OptionalLong timestamp = headers.longValue(ImsgHeaders.RETRY_ORIGINAL_TIMESTAMP);
        // A retry topic is shared by its routed topic and that topic's priority lane.
        Optional<String> named = headers.string(ImsgHeaders.RETRY_ORIGINAL_TOPIC)
                .filter(topic -> topic.equals(base) || topic.equals(PriorityLanes.laneOf(base)));
        boolean sameBase = named.isPresent();
        if (!sameBase || partition.isEmpty() || offset.isEmpty() || timestamp.isEmpty()
                || partition.getAsLong() < 0 || partition.getAsLong() > Integer.MAX_VALUE) {
            return own;
        }
        return new OriginalRecord(named.get(), (int) partition.getAsLong(), offset.getAsLong(), timestamp.getAsLong(),
                headers.string(ImsgHeaders.RETRY_FIRST_FAILURE).flatMap(OriginalRecord::instant));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text.length() > 40 ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
