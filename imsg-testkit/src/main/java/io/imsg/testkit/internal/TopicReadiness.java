package io.imsg.testkit.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates a topic and returns only once every partition serves requests.
 *
 * <p>{@code createTopics().all().get()} returns when the controller has accepted the topic,
 * before the partition leaders are ready. An idempotent producer that sends at once can then
 * get stuck retrying {@code OUT_OF_ORDER_SEQUENCE_NUMBER} (KAFKA-14359). A {@code listOffsets}
 * answered for every partition proves each leader is up, so this waits for that.
 */
public final class TopicReadiness {

    private static final long RETRY_MILLIS = 50;

    private TopicReadiness() {}

    /**
     * Creates {@code name} with replication factor 1 and waits until it is usable.
     *
     * @throws IllegalArgumentException if an argument is invalid; the message names it
     * @throws IllegalStateException if the topic exists, cannot be created, or is not usable
     *     within {@code timeout}
     */
    public static void create(Map<String, Object> adminConfig, String name, int partitions,
            Map<String, String> configs, Duration timeout) {
        create(adminConfig, name, partitions, 1, configs, timeout);
    }

    /**
     * Creates {@code name} with {@code replicationFactor} replicas per partition and waits until
     * it is usable: every partition has a leader that answers {@code listOffsets}.
     *
     * @throws IllegalArgumentException if an argument is invalid; the message names it
     * @throws IllegalStateException if the topic exists, cannot be created, or is not usable
     *     within {@code timeout}
     */
    public static void create(Map<String, Object> adminConfig, String name, int partitions, int replicationFactor,
            Map<String, String> configs, Duration timeout) {
        checkArguments(name, partitions, configs);
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replicationFactor must be >= 1, was " + replicationFactor);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminConfig)) {
            NewTopic topic = new NewTopic(name, partitions, (short) replicationFactor).configs(Map.copyOf(configs));
            try {
                admin.createTopics(List.of(topic)).all().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    throw new IllegalStateException("topic '" + name + "' already exists; TestNames.unique(...)"
                            + " gives each test its own name", e.getCause());
                }
                throw new IllegalStateException("could not create topic '" + name + "': " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("creating topic '" + name + "' took longer than " + timeout, e);
            }
            awaitOffsets(admin, name, partitions, deadline, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic '" + name + "'", e);
        }
    }

    static void checkArguments(String name, int partitions, Map<String, String> configs) {
        Objects.requireNonNull(name, "topic name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        Objects.requireNonNull(configs, "topic configs must not be null (use Map.of())");
    }

    private static void awaitOffsets(Admin admin, String name, int partitions, long deadline, Duration timeout)
            throws InterruptedException {
        Map<TopicPartition, OffsetSpec> request = IntStream.range(0, partitions)
                .mapToObj(partition -> new TopicPartition(name, partition))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        Throwable last = null;
        while (System.nanoTime() - deadline < 0) {
            try {
                admin.listOffsets(request).all().get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                last = e.getCause(); // typically UNKNOWN_TOPIC_OR_PARTITION or LEADER_NOT_AVAILABLE
            } catch (TimeoutException e) {
                last = e;
            }
            Thread.sleep(RETRY_MILLIS);
        }
        throw new IllegalStateException("topic '" + name + "' was created but its " + partitions
                + " partitions did not answer listOffsets within " + timeout + "; last error: " + last, last);
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }
}
