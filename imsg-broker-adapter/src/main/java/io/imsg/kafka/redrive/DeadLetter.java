package io.imsg.kafka.redrive;

import io.imsg.api.header.MessageHeaders;
import io.imsg.kafka.internal.HeaderMapping;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of a dead-letter topic: where it sits, the original key and value bytes, the headers
 * (the original ones plus iMSG's failure metadata), and that metadata parsed.
 *
 * <p>Immutable: the byte accessors return copies.
 *
 * <pre>{@code
 * DeadLetter letter = ...;
 * String why = letter.failure().exceptionClass().orElse("(unknown)");
 * String from = letter.failure().originalTopic().orElseThrow();
 * }</pre>
 */
public final class DeadLetter {

    private final String topic;
    private final int partition;
    private final long offset;
    private final Instant timestamp;
    private final byte[] key;
    private final byte[] value;
    private final MessageHeaders headers;
    private final FailureMetadata failure;

    private DeadLetter(ConsumerRecord<byte[], byte[]> record) {
        this.topic = record.topic();
        this.partition = record.partition();
        this.offset = record.offset();
        this.timestamp = Instant.ofEpochMilli(record.timestamp());
        this.key = record.key();
        this.value = record.value();
        this.headers = HeaderMapping.view(record.headers());
        this.failure = FailureMetadata.of(headers);
    }

    /** The dead letter a record of a dead-letter topic holds; the record's arrays are not copied. */
    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(Objects.requireNonNull(record, "record"));
    }

    /** The dead-letter topic, e.g. {@code orders.dlt}. */
    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** When the dead letter was written. */
    public Instant timestamp() {
        return timestamp;
    }

    /** A copy of the original key; empty when the record had none. */
    public Optional<byte[]> key() {
        return Optional.ofNullable(key).map(byte[]::clone);
    }

    /** The original key as UTF-8 text (iMSG keys are strings); empty when there is none. */
    public Optional<String> keyText() {
        return Optional.ofNullable(key).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** A copy of the original value; empty for a tombstone (which iMSG dead-letters too). */
    public Optional<byte[]> value() {
        return Optional.ofNullable(value).map(byte[]::clone);
    }

    /** Every header of the dead letter: the original ones and the failure metadata. */
    public MessageHeaders headers() {
        return headers;
    }

    public FailureMetadata failure() {
        return failure;
    }

    /** The message id the record's headers mirror; empty for records that never were iMSG messages. */
    public Optional<String> messageId() {
        return headers.messageId();
    }

    /** When the message last failed; the dead letter's own timestamp when the header is missing. */
    public Instant failedAt() {
        return failure.lastFailure().orElse(timestamp);
    }

    /** {@code <partition>-<offset>}: what identifies this dead letter in its topic and in the redrive ledger. */
    public String ledgerKey() {
        return partition + "-" + offset;
    }

    /** {@code orders.dlt-1@42}, for logs and reports. */
    public String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }

    /** The raw arrays, without copies, for republishing them unchanged. */
    byte[] keyBytes() {
        return key;
    }

    byte[] valueBytes() {
        return value;
    }

    @Override
    public String toString() {
        return "DeadLetter[" + coordinates() + ", " + failure.exceptionClass().orElse("(unknown)") + "]";
    }
}
