package io.imsg.kafka.codec;

import io.imsg.api.failure.ImsgException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the schema topic from where it last stopped to its current end. The first read starts at the
 * beginning; later ones fetch only what was added since, so a catch-up is cheap.
 *
 * <p>Not thread-safe, like the consumer it owns: {@link KafkaSchemaTopic} calls it under a lock.
 */
final class SchemaTopicReader implements AutoCloseable {

    private static final Duration POLL_SLICE = Duration.ofMillis(100);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final SchemaTopicRecords records;

    SchemaTopicReader(Consumer<byte[], byte[]> consumer, String topic, SchemaTopicRecords records) {
        this.consumer = consumer;
        this.topic = topic;
        this.records = records;
    }

    /**
     * Reads until every partition's position reaches the end offset it had when this call started.
     *
     * @return how many schemas were new to the registry; 0 when the topic does not exist yet
     * @throws ImsgException when the end is not reached within {@code timeout}
     */
    int readToEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!assigned(timeout)) {
            return 0;
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
        int added = 0;
        while (!reached(end, timeout)) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                throw new ImsgException("IMSG-2006 the schema topic " + topic + " was not read to its end " + end
                        + " within " + timeout);
            }
            Duration slice = Duration.ofNanos(Math.min(leftNanos, POLL_SLICE.toNanos()));
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(slice)) {
                if (records.accept(record)) {
                    added++;
                }
            }
        }
        return added;
    }

    /** Wakes a blocked read from another thread; it then fails with Kafka's {@code WakeupException}. */
    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }

    private boolean assigned(Duration timeout) {
        if (!consumer.assignment().isEmpty()) {
            return true;
        }
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> topicPartitions =
                partitions.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(topicPartitions);
        consumer.seekToBeginning(topicPartitions);
        return true;
    }

    private boolean reached(Map<TopicPartition, Long> end, Duration timeout) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey(), timeout) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
