package io.imsg.kafka.fault;

import io.imsg.api.header.ImsgHeaders;
import io.imsg.testkit.fault.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record of a dead-letter topic with the headers a fault test checks. A missing header reads
 * as {@code "?"} (or -1), so a dead letter without its metadata fails the checks instead of the
 * reading.
 *
 * @param id the message id, from {@code imsg-id}
 * @param exceptionClass {@code imsg-dlt-exception-class}
 * @param attempts {@code imsg-dlt-attempts}
 * @param originalPartition {@code imsg-dlt-original-partition}
 * @param originalOffset {@code imsg-dlt-original-offset}
 * @param record the dead letter as the broker holds it
 */
record DeadLetter(String id, String exceptionClass, int attempts, int originalPartition, long originalOffset,
        ConsumerRecord<byte[], byte[]> record) {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** Every record of {@code deadLetterTopic}, as it is now. */
    static List<DeadLetter> readAll(String bootstrapServers, String deadLetterTopic) {
        List<DeadLetter> deadLetters = new ArrayList<>();
        TopicReader.forEach(bootstrapServers, deadLetterTopic, READ_TIMEOUT, record -> deadLetters.add(of(record)));
        return deadLetters;
    }

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(header(record, ImsgHeaders.MESSAGE_ID),
                header(record, ImsgHeaders.DLT_EXCEPTION_CLASS),
                (int) number(record, ImsgHeaders.DLT_ATTEMPTS),
                (int) number(record, ImsgHeaders.DLT_ORIGINAL_PARTITION),
                number(record, ImsgHeaders.DLT_ORIGINAL_OFFSET),
                record);
    }

    /** The dead letter's headers that are not iMSG's dead-letter metadata: the original's. */
    List<Header> originalHeaders() {
        List<Header> kept = new ArrayList<>();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(ImsgHeaders.PREFIX + "dlt-")) {
                kept.add(header);
            }
        }
        return kept;
    }

    /** Bytes of the dead-letter metadata headers added by iMSG. */
    int metadataBytes() {
        int bytes = 0;
        for (Header header : record.headers()) {
            if (header.key().startsWith(ImsgHeaders.PREFIX + "dlt-")) {
                bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
            }
        }
        return bytes;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long number(ConsumerRecord<byte[], byte[]> record, String key) {
        try {
            return Long.parseLong(header(record, key));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
