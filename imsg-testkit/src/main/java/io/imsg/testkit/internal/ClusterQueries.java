package io.imsg.testkit.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Questions a fault test asks a cluster: who leads the metadata quorum and each partition
 * (before it picks a node to kill), which partitions are short of in-sync replicas (until the
 * node is back). One Admin client per question; the answers are snapshots.
 */
public final class ClusterQueries {

    private ClusterQueries() {}

    /**
     * The node id of the active controller, the leader of the KRaft metadata quorum. Asked with
     * {@code describeMetadataQuorum}, because on KRaft {@code describeCluster().controller()}
     * names a random broker, not the controller.
     *
     * @throws IllegalStateException if the cluster does not answer within {@code timeout}
     */
    public static int activeController(Map<String, Object> adminConfig, Duration timeout) {
        try (Admin admin = Admin.create(bounded(adminConfig, timeout))) {
            return get(admin.describeMetadataQuorum().quorumInfo(), timeout, "the metadata quorum").leaderId();
        }
    }

    /**
     * The leader of each partition of {@code topic}, by partition number; a partition without a
     * leader (all its in-sync replicas are down) has an empty value.
     *
     * @throws IllegalStateException if the topic is unknown or the cluster does not answer
     */
    public static Map<Integer, OptionalInt> partitionLeaders(Map<String, Object> adminConfig, String topic,
            Duration timeout) {
        try (Admin admin = Admin.create(bounded(adminConfig, timeout))) {
            TopicDescription description = describe(admin, topic, timeout);
            Map<Integer, OptionalInt> leaders = new TreeMap<>();
            for (TopicPartitionInfo partition : description.partitions()) {
                Node leader = partition.leader();
                leaders.put(partition.partition(), leader == null || leader.isEmpty()
                        ? OptionalInt.empty() : OptionalInt.of(leader.id()));
            }
            return leaders;
        }
    }

    /**
     * The partitions of {@code topic} whose in-sync replicas are fewer than their replicas: after
     * a node died, until it is back and has caught up. Empty once the cluster has healed.
     *
     * @throws IllegalStateException if the topic is unknown or the cluster does not answer
     */
    public static Set<Integer> underReplicatedPartitions(Map<String, Object> adminConfig, String topic,
            Duration timeout) {
        try (Admin admin = Admin.create(bounded(adminConfig, timeout))) {
            return describe(admin, topic, timeout).partitions().stream()
                    .filter(partition -> partition.isr().size() < partition.replicas().size())
                    .map(TopicPartitionInfo::partition)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static TopicDescription describe(Admin admin, String topic, Duration timeout) {
        return get(admin.describeTopics(List.of(topic)).allTopicNames(), timeout, "topic '" + topic + "'").get(topic);
    }

    /** Every call bounded by {@code timeout}, so closing the client never waits for longer. */
    private static Map<String, Object> bounded(Map<String, Object> adminConfig, Duration timeout) {
        Map<String, Object> config = new HashMap<>(adminConfig);
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        return config;
    }

    private static <T> T get(KafkaFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not describe " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("describing " + what + " took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + what, e);
        }
    }
}
