package io.imsg.api.metrics;

import java.util.HashSet;
import java.util.Set;

/**
 * The names of every meter iMSG records: the handler middleware's, the publisher's and the
 * consumer's. Defaults follow the Micrometer naming guide ({@code imsg.*}, dot-separated); a
 * registry renders them in its own convention, e.g. {@code imsg_messages_handled_total} for
 * Prometheus. Give the same value to {@code MetricsMiddleware} and {@code KafkaMessaging}, so
 * that the consumer's {@code retry} and {@code dead_letter} outcomes land in the same counter as the
 * middleware's {@code success} and {@code failure}.
 *
 * <pre>{@code
 * MeterNames names = MeterNames.defaults().withLatency("orders.end_to_end.latency");
 * }</pre>
 *
 * @param handled counter of handling outcomes, tagged route, topic, type, priority, outcome
 * @param handlerDuration timer of handler run time, tagged route, topic, type, outcome
 * @param latency timer from a message's created-at to its successful handling, tagged route,
 *     topic, type, priority
 * @param published counter of messages the broker acknowledged, tagged topic, type, priority
 * @param received counter of records polled, tagged topic
 * @param consumerLag gauge of records not yet finished (log end offset minus the committable
 *     offset), summed per topic, tagged group, topic
 * @param inFlight gauge of records polled and not finished, tagged group
 * @param pausedPartitions gauge of paused partitions, tagged group
 * @param partitionsRevoked counter of partitions revoked or lost, tagged group
 * @param redeliveries counter of partitions consumed again from a record a worker left unfinished
 *     while the partition stayed assigned, tagged group, topic
 */
public record MeterNames(String handled, String handlerDuration, String latency, String published, String received,
        String consumerLag, String inFlight, String pausedPartitions, String partitionsRevoked, String redeliveries) {

    private static final String DEFAULT_REDELIVERIES = "imsg.consumer.redeliveries";

    public MeterNames {
        requireNonBlank(handled, "handled");
        requireNonBlank(handlerDuration, "handlerDuration");
        requireNonBlank(latency, "latency");
        requireNonBlank(published, "published");
        requireNonBlank(received, "received");
        requireNonBlank(consumerLag, "consumerLag");
        requireNonBlank(inFlight, "inFlight");
        requireNonBlank(pausedPartitions, "pausedPartitions");
        requireNonBlank(partitionsRevoked, "partitionsRevoked");
        requireNonBlank(redeliveries, "redeliveries");
        requireDistinct(handled, handlerDuration, latency, published, received, consumerLag, inFlight, pausedPartitions,
                partitionsRevoked, redeliveries);
    }

    /**
     * The names before {@code redeliveries} was added; it gets its default.
     *
     * @deprecated name every meter, or start from {@link #defaults()} and use the {@code with} methods
     */
    @Deprecated
    public MeterNames(String handled, String handlerDuration, String latency, String published, String received,
            String consumerLag, String inFlight, String pausedPartitions, String partitionsRevoked) {
        this(handled, handlerDuration, latency, published, received, consumerLag, inFlight, pausedPartitions,
                partitionsRevoked, DEFAULT_REDELIVERIES);
    }

    /** The documented {@code imsg.*} names (see the README's meter table). */
    public static MeterNames defaults() {
        return new MeterNames("imsg.messages.handled", "imsg.handler.duration", "imsg.message.latency",
                "imsg.messages.published", "imsg.messages.received", "imsg.consumer.lag", "imsg.consumer.in.flight",
                "imsg.consumer.paused.partitions", "imsg.consumer.partitions.revoked", DEFAULT_REDELIVERIES);
    }

    public MeterNames withHandled(String name) {
        return new MeterNames(name, handlerDuration, latency, published, received, consumerLag, inFlight,
                pausedPartitions, partitionsRevoked, redeliveries);
    }

    public MeterNames withHandlerDuration(String name) {
        return new MeterNames(handled, name, latency, published, received, consumerLag, inFlight, pausedPartitions,
                partitionsRevoked, redeliveries);
    }

    public MeterNames withLatency(String name) {
        return new MeterNames(handled, handlerDuration, name, published, received, consumerLag, inFlight,
                pausedPartitions, partitionsRevoked, redeliveries);
    }

    public MeterNames withPublished(String name) {
        return new MeterNames(handled, handlerDuration, latency, name, received, consumerLag, inFlight,
                pausedPartitions, partitionsRevoked, redeliveries);
    }

    public MeterNames withReceived(String name) {
        return new MeterNames(handled, handlerDuration, latency, published, name, consumerLag, inFlight,
                pausedPartitions, partitionsRevoked, redeliveries);
    }

    public MeterNames withConsumerLag(String name) {
        return new MeterNames(handled, handlerDuration, latency, published, received, name, inFlight,
                pausedPartitions, partitionsRevoked, redeliveries);
    }

    public MeterNames withInFlight(String name) {
        return new MeterNames(handled, handlerDuration, latency, published, received, consumerLag, name,
                pausedPartitions, partitionsRevoked, redeliveries);
    }

    public MeterNames withPausedPartitions(String name) {
        return new MeterNames(handled, handlerDuration, latency, published, received, consumerLag, inFlight, name,
                partitionsRevoked, redeliveries);
    }

    public MeterNames withPartitionsRevoked(String name) {
        return new MeterNames(handled, handlerDuration, latency, published, received, consumerLag, inFlight,
                pausedPartitions, name, redeliveries);
    }

    public MeterNames withRedeliveries(String name) {
        return new MeterNames(handled, handlerDuration, latency, published, received, consumerLag, inFlight,
                pausedPartitions, partitionsRevoked, name);
    }

    /**
     * Two meters of one name would clash in the registry (a counter and a timer cannot share a name)
     * at the first publish or handling, far from where the names were chosen.
     */
    private static void requireDistinct(String... names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("meter name '" + name + "' is given to two meters; each needs its own");
            }
        }
    }

    private static void requireNonBlank(String name, String which) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(which + " meter name must not be blank");
        }
    }
}
