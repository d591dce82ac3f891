package io.imsg.kafka.redrive;

import io.imsg.kafka.KafkaSettings;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a dead-letter topic from its beginning to the end offsets it had when the read started:
 * bounded, it never waits for new dead letters. It reads by assignment, without a consumer group,
 * so it commits nothing and moves no one's offsets.
 *
 * <p>Each method takes a routed topic ({@code orders}) or its dead-letter topic ({@code orders.dlt}),
 * see {@link RedriveTopics}. Not thread-safe: it owns one Kafka consumer, and one read (one stream)
 * runs at a time. Close it to release the consumer.
 *
 * <pre>{@code
 * try (DeadLetterReader reader = DeadLetterReader.create(kafka, RedriveSettings.ofDefaults());
 *         Stream<DeadLetter> letters = reader.stream("orders")) {
 *     letters.filter(letter -> letter.failure().route().equals(Optional.of("reserve-stock")))
 *             .forEach(letter -> System.out.println(letter.coordinates()));
 * }
 * }</pre>
 */
public final class DeadLetterReader implements AutoCloseable {

    private final Consumer<byte[], byte[]> consumer;
    private final RedriveSettings settings;

    DeadLetterReader(Consumer<byte[], byte[]> consumer, RedriveSettings settings) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public static DeadLetterReader create(KafkaSettings kafka, RedriveSettings settings) {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(settings, "settings");
        return new DeadLetterReader(new KafkaConsumer<>(RedriveClients.reader(kafka, settings.timeout())), settings);
    }

    /**
     * The dead letters in the topic now, partition by partition in offset order (partitions
     * interleaved). Lazy: records are fetched as the stream is consumed, so memory stays bounded.
     * Sequential only; close it (or consume it fully) before the next read.
     *
     * @throws DeadLetterTopicNotFoundException when the dead-letter topic does not exist
     * @throws io.imsg.api.failure.ImsgException from the stream, when the read makes no progress for
     *     {@link RedriveSettings#timeout()}
     */
    public Stream<DeadLetter> stream(String topic) {
        String deadLetterTopic = RedriveTopics.deadLetterTopicOf(topic);
        TopicScan scan = TopicScan.start(consumer, deadLetterTopic, settings.timeout())
                .orElseThrow(() -> new DeadLetterTopicNotFoundException(deadLetterTopic));
        return records(scan).map(DeadLetter::of);
    }

    /** Counts the topic's dead letters by route, exception class and hour; see {@link DeadLetterSummary}. */
    public DeadLetterSummary summarize(String topic) {
        try (Stream<DeadLetter> letters = stream(topic)) {
            return letters.collect(DeadLetterSummary.collector());
        }
    }

    /**
     * The dead letter at one position; empty when that offset holds none (never written, deleted by
     * retention, or not yet written).
     *
     * @throws DeadLetterTopicNotFoundException when the dead-letter topic does not exist
     * @throws IllegalArgumentException when the topic has no such partition, or the offset is negative
     */
    public Optional<DeadLetter> readAt(String topic, int partition, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0 (was " + offset + ")");
        }
        String deadLetterTopic = RedriveTopics.deadLetterTopicOf(topic);
        List<TopicPartition> partitions = TopicScan.partitionsOf(consumer, deadLetterTopic, settings.timeout());
        if (partitions.isEmpty()) {
            throw new DeadLetterTopicNotFoundException(deadLetterTopic);
        }
        TopicPartition wanted = new TopicPartition(deadLetterTopic, partition);
        if (!partitions.contains(wanted)) {
            throw new IllegalArgumentException(deadLetterTopic + " has partitions 0 to " + (partitions.size() - 1)
                    + ", not " + partition);
        }
        TopicScan scan = TopicScan.startAt(consumer, wanted, offset, settings.timeout());
        // The first record at or after the offset decides: a gap means the offset holds nothing.
        return scan.hasNext() ? Optional.of(scan.next()).filter(r -> r.offset() == offset).map(DeadLetter::of)
                : Optional.empty();
    }

    /** The redrive ledger of the topic now; empty when nothing was ever redriven. */
    public RedriveLedger ledger(String topic) {
        RedriveLedger.Builder ledger = new RedriveLedger.Builder();
        TopicScan.start(consumer, RedriveTopics.ledgerTopicOf(topic), settings.timeout())
                .ifPresent(scan -> scan.forEachRemaining(record -> ledger.apply(record.key(), record.value())));
        return ledger.build();
    }

    @Override
    public void close() {
        consumer.close();
    }

    private static Stream<ConsumerRecord<byte[], byte[]>> records(Iterator<ConsumerRecord<byte[], byte[]>> scan) {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(scan, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
