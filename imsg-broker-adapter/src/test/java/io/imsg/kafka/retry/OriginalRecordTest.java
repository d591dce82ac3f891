package io.imsg.kafka.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.header.ImsgHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class OriginalRecordTest {

    private final RetryTopology topology = RetryTopology.of(Map.of("orders", List.of(Duration.ofSeconds(1))));

    @Test
    void aRecordOnARoutedTopicIsItsOwnOrigin() {
        OriginalRecord origin = OriginalRecord.of(record("orders", retryHeaders("orders")), topology);

        assertThat(origin).isEqualTo(new OriginalRecord("orders", 3, 70, 5L, Optional.empty()));
    }

    @Test
    void aRetryRecordNamesWhereItFirstCameFrom() {
        OriginalRecord origin = OriginalRecord.of(record("orders.retry.1s", retryHeaders("orders")), topology);

        assertThat(origin).isEqualTo(new OriginalRecord("orders", 1, 9, 123L,
                Optional.of(Instant.parse("2026-01-01T00:00:00Z"))));
    }

    @Test
    void forgedOrMalformedRetryHeadersCannotSteerTheDeadLetterElsewhere() {
        OriginalRecord forged = OriginalRecord.of(record("orders.retry.1s", retryHeaders("payments")), topology);
        RecordHeaders garbage = retryHeaders("orders");
        garbage.remove(ImsgHeaders.RETRY_ORIGINAL_OFFSET);
        garbage.add(new RecordHeader(ImsgHeaders.RETRY_ORIGINAL_OFFSET, "not-a-number".getBytes(StandardCharsets.UTF_8)));
        OriginalRecord malformed = OriginalRecord.of(record("orders.retry.1s", garbage), topology);

        assertThat(forged.topic()).isEqualTo("orders");
        assertThat(forged.offset()).isEqualTo(70);
        assertThat(malformed.offset()).isEqualTo(70);
    }

    private static RecordHeaders retryHeaders(String originalTopic) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(header(ImsgHeaders.RETRY_ORIGINAL_TOPIC, originalTopic));
        headers.add(header(ImsgHeaders.RETRY_ORIGINAL_PARTITION, "1"));
        headers.add(header(ImsgHeaders.RETRY_ORIGINAL_OFFSET, "9"));
        headers.add(header(ImsgHeaders.RETRY_ORIGINAL_TIMESTAMP, "123"));
        headers.add(header(ImsgHeaders.RETRY_FIRST_FAILURE, "2026-01-01T00:00:00Z"));
        return headers;
    }

    private static RecordHeader header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 3, 70, 5L, TimestampType.CREATE_TIME, 1, 1, new byte[] {1}, new byte[] {2},
                headers, Optional.empty());
    }
}
