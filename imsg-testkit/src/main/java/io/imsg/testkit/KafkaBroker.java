package io.imsg.testkit;

import java.util.Map;

/**
 * A running Kafka broker (or cluster) that tests talk to.
 *
 * <p>Contract: the broker is running when the instance is handed out; topics are never created
 * automatically, so each test creates its own, named with {@link TestNames#unique(String)} when
 * the broker is shared. {@link #createTopic} returns only once every partition answers
 * requests, so producers and consumers may use the topic at once. Implementations are
 * thread-safe. {@link #close()} stops the broker and releases what it holds.
 *
 * <pre>{@code
 * String topic = TestNames.unique("orders");
 * broker.createTopic(topic, 3);
 * try (var producer = new KafkaProducer<>(broker.adminProperties(), ...)) { ... }
 * }</pre>
 */
public interface KafkaBroker extends AutoCloseable {

    /** The {@code bootstrap.servers} value for clients of this broker. */
    String bootstrapServers();

    /**
     * Client properties that reach this broker: {@code bootstrap.servers} and nothing else, a
     * starting point for admin, producer and consumer configurations.
     */
    default Map<String, Object> adminProperties() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    /** Creates a topic with default configuration; see {@link #createTopic(String, int, Map)}. */
    default void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with the broker's replication factor (1 on a single broker,
     * {@code min(3, nodes)} on an {@link EmbeddedKafkaCluster}) and waits until each partition
     * answers {@code listOffsets}.
     *
     * @throws IllegalArgumentException if {@code name} is blank or {@code partitions < 1}
     * @throws IllegalStateException if the topic exists already or is not usable in time
     */
    void createTopic(String name, int partitions, Map<String, String> configs);

    /** Which kind of broker this is. */
    BrokerKind kind();

    /** One line for logs: the kind, the address and, where there is one, the process id. */
    String description();

    /** Stops the broker; idempotent. */
    @Override
    void close();
}
