package io.imsg.kafka.consume.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@code imsg.consumer.lag} gauges: per topic, the records of this member's partitions that
 * are not finished yet. That is what Kafka's {@code records-lag} reports (log end offset minus the
 * fetch position) plus what was fetched and is still queued or running, so a consumer whose
 * workers fall behind shows lag even though it fetches promptly. Summed per topic to keep the tag
 * set bounded by the topic count, not the partition count.
 *
 * <p>Refreshed by the poll thread, at most once a {@code period}: the consumer is not thread-safe,
 * so a gauge cannot ask it directly. {@link Consumer#currentLag} answers from fetch metadata the
 * consumer already holds, without a request.
 */
final class ConsumerLag {

    private final Consumer<?, ?> consumer;
    private final ConsumerMetrics metrics;
    private final long periodNanos;
    private final Map<String, AtomicLong> byTopic = new ConcurrentHashMap<>();
    private long nextRefresh = System.nanoTime();

    ConsumerLag(Consumer<?, ?> consumer, ConsumerMetrics metrics, long periodNanos) {
        this.consumer = consumer;
        this.metrics = metrics;
        this.periodNanos = periodNanos;
    }

    /** Recomputes the per-topic sums when the period has passed; call from the poll thread only. */
    void refreshIfDue(Map<TopicPartition, PartitionState> partitions) {
        long now = System.nanoTime();
        if (now - nextRefresh < 0) {
            return;
        }
        nextRefresh = now + periodNanos;
        Map<String, Long> sums = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong fetchLag = consumer.currentLag(partition);
            PartitionState state = partitions.get(partition);
            long unfinished = state == null ? 0 : state.offsets.pending();
            sums.merge(partition.topic(), fetchLag.orElse(0) + unfinished, Long::sum);
        }
        // A topic whose partitions all moved to other members reads 0 here, not its last value.
        byTopic.forEach((topic, gauge) -> gauge.set(sums.getOrDefault(topic, 0L)));
        sums.forEach((topic, lag) -> byTopic.computeIfAbsent(topic, this::register).set(lag));
    }

    long lag(String topic) {
        AtomicLong value = byTopic.get(topic);
        return value == null ? 0 : value.get();
    }

    private AtomicLong register(String topic) {
        AtomicLong value = new AtomicLong();
        metrics.lagGauge(topic, value::get);
        return value;
    }
}
