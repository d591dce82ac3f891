package io.imsg.kafka.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.header.ImsgHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import io.imsg.kafka.retry.OriginalRecord;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

    private static final OriginalRecord ORIGIN = new OriginalRecord("orders", 2, 41, 1_700_000_000_000L,
            Optional.empty());

    @Test
    void originalHeadersAreKeptAndFailureMetadataAdded() {
        ConsumerRecord<byte[], byte[]> record = record(new RecordHeaders()
                .add(new RecordHeader("app-trace", "t-1".getBytes(StandardCharsets.UTF_8))));

        Headers headers = DeadLetterHeaders.build(record, ORIGIN, Failure.now(new IllegalStateException("boom"), "reserve", 3),
                "inventory");

        assertThat(value(headers, "app-trace")).contains("t-1");
        assertThat(value(headers, ImsgHeaders.DLT_EXCEPTION_CLASS)).contains(IllegalStateException.class.getName());
        assertThat(value(headers, ImsgHeaders.DLT_EXCEPTION_MESSAGE)).contains("boom");
        assertThat(value(headers, ImsgHeaders.DLT_ORIGINAL_TOPIC)).contains("orders");
        assertThat(value(headers, ImsgHeaders.DLT_ORIGINAL_PARTITION)).contains("2");
        assertThat(value(headers, ImsgHeaders.DLT_ORIGINAL_OFFSET)).contains("41");
        assertThat(value(headers, ImsgHeaders.DLT_CONSUMER_GROUP)).contains("inventory");
        assertThat(value(headers, ImsgHeaders.DLT_ROUTE)).contains("reserve");
        assertThat(value(headers, ImsgHeaders.DLT_ATTEMPTS)).contains("3");
        assertThat(value(headers, ImsgHeaders.DLT_STACKTRACE)).get().asString().contains("DeadLetterHeadersTest");
    }

    @Test
    void deadLetteringTwiceReplacesTheMetadataInsteadOfAppendingIt() {
        Failure first = Failure.now(new IllegalStateException("first"), "reserve", 1);
        Headers once = DeadLetterHeaders.build(record(new RecordHeaders()), ORIGIN, first, "inventory");
        Headers twice = DeadLetterHeaders.build(record(once), ORIGIN,
                Failure.now(new IllegalArgumentException("second"), "reserve", 1), "inventory");

        assertThat(twice.toArray()).hasSameSizeAs(once.toArray());
        for (Header header : twice) {
            assertThat(count(twice, header.key())).as(header.key()).isEqualTo(1);
        }
        assertThat(value(twice, ImsgHeaders.DLT_EXCEPTION_CLASS)).contains(IllegalArgumentException.class.getName());
    }

    @Test
    void hugeExceptionMessagesAndStacksStayWithinTheHeaderBudget() {
        String hugeMessage = "é".repeat(100_000);
        Exception deep = new RuntimeException(hugeMessage, nest(200));

        Headers headers = DeadLetterHeaders.build(record(new RecordHeaders()), ORIGIN, Failure.now(deep, "r", 1), "g");

        assertThat(size(headers)).isLessThanOrEqualTo(DeadLetterHeaders.BUDGET_BYTES);
        assertThat(value(headers, ImsgHeaders.DLT_EXCEPTION_MESSAGE)).get().asString()
                .matches("é+"); // truncated on a character boundary, no broken UTF-8
    }

    @Test
    void truncationNeverSplitsAMultiByteCharacter() {
        assertThat(DeadLetterHeaders.truncate("aé", 2)).isEqualTo("a");
        assertThat(DeadLetterHeaders.truncate("aé", 3)).isEqualTo("aé");
        assertThat(DeadLetterHeaders.truncate("€€", 5)).isEqualTo("€");
    }

    private static Exception nest(int depth) {
        Exception e = new IllegalStateException("root");
        for (int i = 0; i < depth; i++) {
            e = new RuntimeException("level " + i, e);
        }
        return e;
    }

    private static ConsumerRecord<byte[], byte[]> record(Headers headers) {
        return new ConsumerRecord<>("orders", 2, 41, 1_700_000_000_000L, TimestampType.CREATE_TIME, 1, 1,
                "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    private static Optional<String> value(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static int count(Headers headers, String key) {
        List<Header> found = new ArrayList<>();
        headers.headers(key).forEach(found::add);
        return found.size();
    }

    private static int size(Headers headers) {
        int size = 0;
        for (Header header : headers) {
            size += header.key().length() + header.value().length;
        }
        return size;
    }

}
