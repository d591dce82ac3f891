package io.imsg.kafka.consume.internal;

import io.imsg.api.metrics.MeterNames;
import io.imsg.api.metrics.MeterTags;
import io.imsg.api.metrics.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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
    /** What removes this loop's share of each gauge; shared with other subscribers of the group. */
    private final List<Runnable> gaugeShares = new CopyOnWriteArrayList<>();
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
        gaugeShares.add(SummedGauges.add(registry, names.inFlight(), "Records polled but not finished",
                Tags.of(GROUP, group), inFlight));
        gaugeShares.add(SummedGauges.add(registry, names.pausedPartitions(),
                "Partitions paused for backpressure or a stalled write", Tags.of(GROUP, group), pausedPartitions));
    }

    /** The lag gauge of one topic; {@link ConsumerLag} calls it once per topic it sees. */
    void lagGauge(String topic, Supplier<Number> lag) {
        gaugeShares.add(SummedGauges.add(registry, names.consumerLag(),
                "Records not yet finished of the partitions this process's members of the group own: log end offset"
                        + " minus committable offset",
                Tags.of(GROUP, group, MeterTags.TOPIC, topic), lag));
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
     * Removes a finished loop's share of the gauges (the gauges themselves with the group's last
     * loop in this registry) and unbinds the client's metrics: they hold the loop and the consumer in
     * memory, and the gauges would otherwise go on counting the old loop's values.
     */
    void removeGauges() {
        gaugeShares.forEach(Runnable::run);
        gaugeShares.clear();
        KafkaClientMetrics binder = clientMetrics;
        if (binder != null) {
            clientMetrics = null;
            binder.close();
        }
    }
}
