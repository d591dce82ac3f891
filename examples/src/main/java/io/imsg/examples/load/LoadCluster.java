package io.imsg.examples.load;

import io.imsg.testkit.EmbeddedKafka;
import io.imsg.testkit.EmbeddedKafkaBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka cluster of a load run: an existing one, or an embedded KRaft broker in a child JVM
 * (its own process, so broker and clients do not share a heap or a JIT) that {@link #close()} stops.
 */
public final class LoadCluster implements AutoCloseable {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String description;
    private final EmbeddedKafka embedded;

    private LoadCluster(String bootstrapServers, String description, EmbeddedKafka embedded) {
        this.bootstrapServers = bootstrapServers;
        this.description = description;
        this.embedded = embedded;
    }

    /** The existing cluster at {@code bootstrapServers}, or a new embedded broker when empty. */
    public static LoadCluster start(Optional<String> bootstrapServers) {
        return start(bootstrapServers, Optional.empty());
    }

    /**
     * Like {@link #start(Optional)}; an embedded broker makes its temporary data directory in
     * {@code brokerTmpdir} when given.
     */
    public static LoadCluster start(Optional<String> bootstrapServers, Optional<Path> brokerTmpdir) {
        if (bootstrapServers.isPresent()) {
            return new LoadCluster(bootstrapServers.get(), "existing cluster at " + bootstrapServers.get(), null);
        }
        EmbeddedKafkaBuilder builder = EmbeddedKafka.builder();
        brokerTmpdir.ifPresent(builder::temporaryDataRoot);
        EmbeddedKafka kafka = builder.build();
        try {
            kafka.start();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return new LoadCluster(kafka.bootstrapServers(), kafka.description(), kafka);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String description() {
        return description;
    }

    /** Creates a new topic and returns once it accepts writes. */
    void createTopic(String topic, int partitions) {
        if (embedded != null) {
            embedded.createTopic(topic, partitions, Map.of());
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                    .all().get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitLeaders(admin, topic, partitions);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topic " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    /**
     * Deletes a run's topic and the topics derived from it ({@code <topic>.dlt}, its priority lane,
     * retry topics), whose names all start with {@code <topic>.}. The broker frees their files
     * shortly after.
     */
    void deleteRunTopics(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> names = admin.listTopics().names().get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> runTopics = names.stream()
                    .filter(name -> name.equals(topic) || name.startsWith(topic + "."))
                    .toList();
            admin.deleteTopics(runTopics).all().get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not delete the topics of " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting the topics of " + topic, e);
        }
    }

    /**
     * Until every partition answers a list-offsets request: an idempotent producer writing to a
     * partition whose leader is not settled yet can fail with OUT_OF_ORDER_SEQUENCE_NUMBER.
     */
    private static void awaitLeaders(Admin admin, String topic, int partitions)
            throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.listOffsets(request).all().get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("partitions of " + topic + " had no leader within " + TOPIC_TIMEOUT
                            + ": " + notYet.getCause());
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
