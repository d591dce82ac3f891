package io.imsg.kafka.consume.internal;

import io.imsg.api.metrics.MeterTags;
import io.imsg.api.metrics.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The consumer's own meters: records received, records dead-lettered, and the in-flight and
 * paused-partition gauges. Handler outcomes and durations are the metrics middleware's job.
 * Meters are cached so the per-record path does no registry lookup.
 */
final class ConsumerMetrics {

    private final MeterRegistry registry;
    private final String group;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> finished = new ConcurrentHashMap<>();
    private final List<Gauge> gauges = new CopyOnWriteArrayList<>();

    ConsumerMetrics(MeterRegistry registry, String group) {
        this.registry = registry;
        this.group = group;
    }

    void received(String topic) {
        received.computeIfAbsent(topic, t -> Counter.builder("imsg.messages.received")
                .description("Records polled from Kafka")
                .tag(MeterTags.TOPIC, t)
                .register(registry)).increment();
    }

    /**
     * A record finished by the consumer rather than the handler: outcome {@code retry} (moved to a
     * retry topic) or {@code dead_letter}. Route, type and priority are "unknown" for records that
     * could not be decoded.
     */
    void finished(Outcome outcome, String route, String topic, String type, String priority) {
        String key = outcome.tagValue() + '\u0000' + route + '\u0000' + topic + '\u0000' + type + '\u0000' + priority;
        finished.computeIfAbsent(key, k -> Counter.builder("imsg.messages.handled")
                .description("Messages finished by a route, by outcome")
                .tag(MeterTags.ROUTE, route)
                .tag(MeterTags.TOPIC, topic)
                .tag(MeterTags.TYPE, type)
                .tag(MeterTags.PRIORITY, priority)
                .tag(MeterTags.OUTCOME, outcome.tagValue())
                .register(registry)).increment();
    }

    /** Partitions taken away from this member (revoked or lost): each is a rebalance it felt. */
    void partitionsRevoked(int count) {
        Counter.builder("imsg.consumer.partitions.revoked").description("Partitions revoked from or lost by this member")
                .tag("group", group).register(registry).increment(count);
    }

    void gauges(Supplier<Number> inFlight, Supplier<Number> pausedPartitions) {
        gauges.add(Gauge.builder("imsg.consumer.in.flight", inFlight).description("Records polled but not finished")
                .tag("group", group).register(registry));
        gauges.add(Gauge.builder("imsg.consumer.paused.partitions", pausedPartitions)
                .description("Partitions paused for backpressure or a stalled write").tag("group", group)
                .register(registry));
    }

    /**
     * Removes the gauges of a finished loop: they hold it in memory, and a later subscriber of the
     * same group on this registry would otherwise report the old loop's values.
     */
    void removeGauges() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }
}
