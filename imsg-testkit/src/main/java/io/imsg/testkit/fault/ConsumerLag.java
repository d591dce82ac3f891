package io.imsg.testkit.fault;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's lag on one topic, from the broker's point of view: for every partition, its
 * end offset minus the group's committed offset. Lag 0 means every record up to now was committed,
 * which iMSG does only after a record was handled or durably dead-lettered.
 *
 * <p>Not thread-safe; one per waiting thread. Closes its admin client on {@link #close()}.
 */
public final class ConsumerLag implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Admin admin;

    /** An admin client on {@code bootstrapServers}, tolerant of a broker that comes and goes. */
    public ConsumerLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis()));
    }

    /**
     * The total lag of {@code group} on {@code topic}; a partition the group never committed counts
     * from offset 0.
     *
     * @throws IllegalStateException if the broker does not answer within 10 s
     */
    public long of(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the lag of " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the lag of " + group + " on " + topic + ": " + e, e);
        }
    }

    /**
     * Waits until the lag of {@code group} on {@code topic} is 0, for at most {@code timeout}.
     * Broker errors while waiting count as "not yet".
     *
     * @return how long it took, or empty if the lag was still above 0 at the deadline
     */
    public Optional<Duration> awaitZero(String group, String topic, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lagOrMinusOne(group, topic) == 0) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - start));
            }
            sleep(POLL);
        }
        return Optional.empty();
    }

    /** The lag, or -1 when the broker could not be asked; for progress messages. */
    public long lagOrMinusOne(String group, String topic) {
        try {
            return of(group, topic);
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for lag 0", e);
        }
    }
}
