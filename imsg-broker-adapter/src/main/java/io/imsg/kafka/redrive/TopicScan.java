package io.imsg.kafka.redrive;

import io.imsg.api.failure.ImsgException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A bounded read of one topic by assignment: each partition from its beginning to the end offset it
 * had when the scan started. Records appended later are not returned, so a scan always ends, even
 * while a failing service keeps appending dead letters (or a redrive causes new ones).
 *
 * <p>A scan fails with an {@link ImsgException} when it makes no progress for the timeout, rather
 * than waiting forever on an unreachable broker. Not thread-safe, like the consumer it borrows; one
 * scan at a time per consumer.
 */
final class TopicScan implements Iterator<ConsumerRecord<byte[], byte[]>> {

    private static final Duration POLL_SLICE = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Map<TopicPartition, Long> unfinished;
    private final Duration timeout;
    private final Deque<ConsumerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();
    private Map<TopicPartition, Long> lastPositions = Map.of();
    private long lastProgressNanos = System.nanoTime();

    private TopicScan(Consumer<byte[], byte[]> consumer, String topic, Map<TopicPartition, Long> ends,
            Duration timeout) {
        this.consumer = consumer;
        this.topic = topic;
        this.unfinished = new HashMap<>(ends);
        this.timeout = timeout;
    }

    /** Starts a scan of every partition of {@code topic}; empty when the topic does not exist. */
    static Optional<TopicScan> start(Consumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = partitionsOf(consumer, topic, timeout);
        if (partitions.isEmpty()) {
            return Optional.empty();
        }
        assign(consumer, partitions);
        consumer.seekToBeginning(partitions);
        return Optional.of(new TopicScan(consumer, topic, consumer.endOffsets(partitions, timeout), timeout));
    }

    /** Starts a scan of one partition at {@code offset}; the caller checked that the partition exists. */
    static TopicScan startAt(Consumer<byte[], byte[]> consumer, TopicPartition partition, long offset,
            Duration timeout) {
        assign(consumer, List.of(partition));
        consumer.seek(partition, offset);
        return new TopicScan(consumer, partition.topic(), consumer.endOffsets(List.of(partition), timeout), timeout);
    }

    /** Partitions of {@code topic}; empty when it does not exist. */
    static List<TopicPartition> partitionsOf(Consumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        return infos == null ? List.of()
                : infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static void assign(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        consumer.assign(partitions);
        consumer.resume(partitions); // an earlier scan of the same partitions left them paused
    }

    @Override
    public boolean hasNext() {
        while (buffer.isEmpty() && !unfinished.isEmpty()) {
            fetch();
        }
        return !buffer.isEmpty();
    }

    @Override
    public ConsumerRecord<byte[], byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the scan of " + topic + " reached the end offsets it started with");
        }
        return buffer.poll();
    }

    private void fetch() {
        dropFinishedPartitions();
        if (unfinished.isEmpty()) {
            return;
        }
        boolean progress = false;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_SLICE)) {
            Long end = unfinished.get(new TopicPartition(record.topic(), record.partition()));
            if (end != null && record.offset() < end) {
                buffer.add(record);
                progress = true;
            }
        }
        requireProgress(progress);
    }

    /** Pauses what is read to its end, so later polls fetch nothing past it. */
    private void dropFinishedPartitions() {
        var iterator = unfinished.entrySet().iterator();
        while (iterator.hasNext()) {
            Map.Entry<TopicPartition, Long> partition = iterator.next();
            if (consumer.position(partition.getKey(), timeout) >= partition.getValue()) {
                consumer.pause(List.of(partition.getKey()));
                iterator.remove();
            }
        }
    }

    /** Positions move past control records and compacted gaps too, so they count as progress. */
    private void requireProgress(boolean recordsArrived) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : unfinished.keySet()) {
            positions.put(partition, consumer.position(partition, timeout));
        }
        long now = System.nanoTime();
        if (recordsArrived || !positions.equals(lastPositions)) {
            lastPositions = positions;
            lastProgressNanos = now;
        } else if (now - lastProgressNanos > timeout.toNanos()) {
            throw new ImsgException("IMSG-1410 reading " + topic + " made no progress for " + timeout
                    + ": positions " + positions + ", end offsets " + unfinished);
        }
    }
}
