package io.imsg.kafka.redrive;

import io.imsg.api.header.ImsgHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Builds dead-letter records the way {@code DeadLetterWriter} writes them, for unit tests. */
final class Letters {

    static final String TOPIC = "orders";
    static final String DLT = "orders.dlt";

    private final Map<String, String> headers = new LinkedHashMap<>();
    private int partition;
    private long offset;
    private long timestamp = Instant.parse("2025-05-01T12:00:00Z").toEpochMilli();
    private String key = "k";
    private byte[] value = {1, 2, 3};

    private Letters() {}

    /** A dead letter of {@code orders} at {@code orders.dlt-0@offset} with a full set of failure headers. */
    static Letters failed(long offset, String exceptionClass, String route, String lastFailure) {
        Letters letters = new Letters();
        letters.offset = offset;
        letters.header(ImsgHeaders.MESSAGE_ID, "m-" + offset)
                .header(ImsgHeaders.TYPE, "io.imsg.examples.orders.OrderPlaced")
                .header(ImsgHeaders.PRIORITY, "NORMAL")
                .header(ImsgHeaders.SOURCE, "orders-service/1")
                .header("app-trace", "trace-" + offset)
                .header(ImsgHeaders.DLT_EXCEPTION_CLASS, exceptionClass)
                .header(ImsgHeaders.DLT_EXCEPTION_MESSAGE, "boom")
                .header(ImsgHeaders.DLT_STACKTRACE, exceptionClass + ": boom\n\tat Somewhere")
                .header(ImsgHeaders.DLT_ORIGINAL_TOPIC, TOPIC)
                .header(ImsgHeaders.DLT_ORIGINAL_PARTITION, "2")
                .header(ImsgHeaders.DLT_ORIGINAL_OFFSET, Long.toString(100 + offset))
                .header(ImsgHeaders.DLT_ORIGINAL_TIMESTAMP, "1746100000000")
                .header(ImsgHeaders.DLT_CONSUMER_GROUP, "inventory")
                .header(ImsgHeaders.DLT_ATTEMPTS, "3")
                .header(ImsgHeaders.DLT_FIRST_FAILURE, lastFailure)
                .header(ImsgHeaders.DLT_LAST_FAILURE, lastFailure);
        if (route != null) {
            letters.header(ImsgHeaders.DLT_ROUTE, route);
        }
        return letters;
    }

    static Letters failed(long offset) {
        return failed(offset, IllegalStateException.class.getName(), "reserve", "2025-05-01T12:00:00Z");
    }

    Letters header(String name, String text) {
        headers.put(name, text);
        return this;
    }

    Letters without(String name) {
        headers.remove(name);
        return this;
    }

    Letters partition(int value) {
        this.partition = value;
        return this;
    }

    Letters timestamp(Instant value) {
        this.timestamp = value.toEpochMilli();
        return this;
    }

    Letters key(String value) {
        this.key = value;
        return this;
    }

    Letters value(byte[] bytes) {
        this.value = bytes;
        return this;
    }

    ConsumerRecord<byte[], byte[]> record() {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, text) -> recordHeaders.add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(DLT, partition, offset, timestamp, TimestampType.CREATE_TIME,
                keyBytes == null ? -1 : keyBytes.length, value == null ? -1 : value.length, keyBytes, value,
                recordHeaders, Optional.empty());
    }

    DeadLetter letter() {
        return DeadLetter.of(record());
    }
}
