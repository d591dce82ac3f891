package io.imsg.kafka.deadletter;

import io.imsg.api.header.ImsgHeaders;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.kafka.retry.OriginalRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds a dead letter's headers: the original headers, minus any earlier dead-letter or retry
 * metadata, plus this failure's, naming the record's {@link OriginalRecord origin}. Replacing rather than appending keeps a record that is dead-lettered,
 * redriven and dead-lettered again at a constant size; the truncation limits keep the added
 * metadata under {@link #BUDGET_BYTES}. Dead-letter topics are created with that much more room
 * than their source topic ({@code KafkaSubscriber}), so a record that fit its topic fits there.
 */
final class DeadLetterHeaders {

    static final int MAX_MESSAGE_BYTES = 1024;
    static final int MAX_STACKTRACE_BYTES = 4096;
    /** Upper bound of the metadata added; every value is truncated so the sum stays below it. */
    static final int BUDGET_BYTES = 8 * 1024;

    private DeadLetterHeaders() {}

    static Headers build(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin, Failure failure,
            String consumerGroup) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            String key = header.key();
            if (!key.startsWith(ImsgHeaders.PREFIX + "dlt-") && !key.startsWith(ImsgHeaders.PREFIX + "retry-")) {
                headers.add(header);
            }
        }
        Throwable cause = failure.cause();
        add(headers, ImsgHeaders.DLT_EXCEPTION_CLASS, cause.getClass().getName(), 256);
        add(headers, ImsgHeaders.DLT_EXCEPTION_MESSAGE, String.valueOf(cause.getMessage()), MAX_MESSAGE_BYTES);
        add(headers, ImsgHeaders.DLT_STACKTRACE, stackTrace(cause), MAX_STACKTRACE_BYTES);
        add(headers, ImsgHeaders.DLT_ORIGINAL_TOPIC, origin.topic(), 256);
        add(headers, ImsgHeaders.DLT_ORIGINAL_PARTITION, Integer.toString(origin.partition()), 16);
        add(headers, ImsgHeaders.DLT_ORIGINAL_OFFSET, Long.toString(origin.offset()), 24);
        add(headers, ImsgHeaders.DLT_ORIGINAL_TIMESTAMP, Long.toString(origin.timestamp()), 24);
        add(headers, ImsgHeaders.DLT_CONSUMER_GROUP, consumerGroup, 256);
        if (failure.route() != null) {
            add(headers, ImsgHeaders.DLT_ROUTE, failure.route(), 256);
        }
        add(headers, ImsgHeaders.DLT_ATTEMPTS, Integer.toString(failure.attempts()), 16);
        add(headers, ImsgHeaders.DLT_FIRST_FAILURE, failure.firstFailure().toString(), 40);
        add(headers, ImsgHeaders.DLT_LAST_FAILURE, failure.lastFailure().toString(), 40);
        return headers;
    }

    private static void add(RecordHeaders headers, String key, String value, int maxBytes) {
        headers.add(HeaderMapping.utf8(key, truncate(value, maxBytes)));
    }

    /** Cuts {@code value} to at most {@code maxBytes} of UTF-8 without splitting a character. */
    static String truncate(String value, int maxBytes) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return value;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // step back to the start of a UTF-8 sequence
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static String stackTrace(Throwable cause) {
        StringWriter out = new StringWriter();
        cause.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
