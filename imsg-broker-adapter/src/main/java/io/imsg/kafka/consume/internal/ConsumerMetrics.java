package io.imsg.kafka.consume.internal;

import io.imsg.api.metrics.MeterNames;
import io.imsg.api.metrics.MeterTags;
import io.imsg.api.metrics.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The consumer's own meters: records received, records retried or dead-lettered, the in-flight,
 * paused-partition and lag gauges, and the Kafka consumer's own metrics (through Micrometer's
 * {@link KafkaClientMetrics}). Handler outcomes and durations are the metrics middleware's job.
 * Meters are cached so the per-record path does no registry lookup.
 */
final class ConsumerMetrics {

    static final String GROUP = "group";

    private final MeterRegistry registry;
    private final MeterNames names;
    private final String group;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> finished = new ConcurrentHashMap<>();
    private final Map<String, Counter> redelivered = new ConcurrentHashMap<>();
    private final List<Gauge> gauges = new CopyOnWriteArrayList<>();
    private volatile KafkaClientMetrics clientMetrics;

    ConsumerMetrics(MeterRegistry registry, String group) {
        this(registry, MeterNames.defaults(), group);
    }

    ConsumerMetrics(MeterRegistry registry, MeterNames names, String group) {
        this.registry = registry;
        this.names = names;
        this.group = group;
    }

    /** Counted by the poll thread once per partition and poll: per record, it showed up in drain profiles. */
    void received(String topic, int records) {
        Counter counter = received.get(topic);
        if (counter == null) {
            counter = received.computeIfAbsent(topic, t -> Counter.builder(names.received())
                    .description("Records polled from Kafka")
                    .tag(MeterTags.TOPIC, t)
                    .register(registry));
        }
        counter.increment(records);
    }

    /**
     * A record finished by the consumer rather than the handler: outcome {@code retry} (moved to a
     * retry topic) or {@code dead_letter}. Route, type and priority are "unknown" for records that
     * could not be decoded.
     */
    void finished(Outcome outcome, String route, String topic, String type, String priority) {
        String key = outcome.tagValue() + '\u0000' + route + '\u0000' + topic + '\u0000' + type + '\u0000' + priority;
        finished.computeIfAbsent(key, k -> Counter.builder(names.handled())
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
        Counter.builder(names.partitionsRevoked()).description("Partitions revoked from or lost by this member")
                .tag(GROUP, group).register(registry).increment(count);
    }

    /** A partition consumed again from a record a worker left unfinished ({@link Redeliveries}). */
    void redelivered(String topic) {
        redelivered.computeIfAbsent(topic, t -> Counter.builder(names.redeliveries())
                .description("Partitions consumed again from a record a worker left unfinished")
                .tag(GROUP, group).tag(MeterTags.TOPIC, t).register(registry)).increment();
    }

    void gauges(Supplier<Number> inFlight, Supplier<Number> pausedPartitions) {
        gauges.add(Gauge.builder(names.inFlight(), inFlight).description("Records polled but not finished")
                .tag(GROUP, group).register(registry));
        gauges.add(Gauge.builder(names.pausedPartitions(), pausedPartitions)
                .description("Partitions paused for backpressure or a stalled write").tag(GROUP, group)
                .register(registry));
    }

    /** The lag gauge of one topic; {@link ConsumerLag} calls it once per topic it sees. */
    void lagGauge(String topic, Supplier<Number> lag) {
        gauges.add(Gauge.builder(names.consumerLag(), lag)
                .description("Records of this member's partitions not yet finished: log end offset minus committable offset")
                .tag(GROUP, group).tag(MeterTags.TOPIC, topic).register(registry));
    }

    /**
     * Binds the Kafka consumer's own metrics ({@code kafka.consumer.*}) to the registry until
     * {@link #removeGauges()}; tagged by Kafka's client id, so two subscribers do not collide.
     */
    void bindClient(Consumer<?, ?> consumer) {
        KafkaClientMetrics binder = new KafkaClientMetrics(consumer);
        binder.bindTo(registry);
        clientMetrics = binder;
    }

    /**
     * Removes the gauges of a finished loop and unbinds the client's metrics: they hold the loop
     * and the consumer in memory, and a later subscriber of the same group on this registry would
     * otherwise report the old loop's values.
     */
    void removeGauges() {
        gauges.forEach(registry::remove);
        gauges.clear();
        KafkaClientMetrics binder = clientMetrics;
        if (binder != null) {
            clientMetrics = null;
            binder.close();
        }
    }
}
