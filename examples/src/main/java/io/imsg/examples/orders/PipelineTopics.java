package io.imsg.examples.orders;

import io.imsg.api.failure.ImsgException;
import io.imsg.kafka.deadletter.DeadLetterTopics;
import io.imsg.kafka.topics.TopicProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the pipeline's topics when they are missing and waits until they are usable. Topics that
 * exist already, from an earlier run or another service, are kept as they are. Both services call
 * it when they start, so either can be the first to run against a new cluster.
 */
public final class PipelineTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int PARTITIONS = 6;

    private PipelineTopics() {}

    /** The orders and inventory-events topics and their dead-letter topics, 6 partitions each. */
    public static void ensure(String bootstrapServers) {
        Map<String, Integer> topics = new TreeMap<>();
        for (String topic : List.of(OrderTopics.ORDERS, OrderTopics.INVENTORY_EVENTS)) {
            topics.put(topic, PARTITIONS);
            topics.put(DeadLetterTopics.of(topic), PARTITIONS);
        }
        ensure(bootstrapServers, topics);
    }

    static void ensure(String bootstrapServers, Map<String, Integer> partitionsByTopic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                try {
                    provisioner.ensure(partitionsByTopic, Map.of());
                    return;
                } catch (ImsgException e) {
                    // Right after creating a topic, the broker may not know it yet, and the
                    // provisioner's describeTopics fails; the topic exists, so asking again works.
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
