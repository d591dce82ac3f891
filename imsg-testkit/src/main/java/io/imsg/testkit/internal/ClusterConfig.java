package io.imsg.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker defaults of an embedded cluster: those of the single broker ({@link BrokerConfig}),
 * with the replication a production cluster has. On three or more nodes every topic, the
 * internal ones included, gets three replicas and needs two in sync to take a write, so one
 * node can die without losing an acknowledged record or refusing a write; unclean leader
 * election stays off, so an out-of-sync replica never becomes leader and silently drops records.
 */
public final class ClusterConfig {

    /** The replication factor of a cluster of three or more nodes. */
    public static final int FULL_REPLICATION = 3;

    private ClusterConfig() {}

    /** Replicas per partition on {@code nodes} nodes: {@code min(3, nodes)}. */
    public static int replicationFactor(int nodes) {
        checkNodes(nodes);
        return Math.min(FULL_REPLICATION, nodes);
    }

    /**
     * In-sync replicas a write needs on {@code nodes} nodes: one less than the replication
     * factor, and at least one. So 2 on three or more nodes; on two nodes 1, which keeps one
     * node's death from blocking writes at the price of acknowledging with a single copy.
     */
    public static int minInSyncReplicas(int nodes) {
        return Math.max(1, replicationFactor(nodes) - 1);
    }

    /** The defaults for a cluster of {@code nodes} nodes, in the order they are written. */
    public static Map<String, String> defaults(int nodes) {
        String replicas = String.valueOf(replicationFactor(nodes));
        String minIsr = String.valueOf(minInSyncReplicas(nodes));
        Map<String, String> defaults = new LinkedHashMap<>(BrokerConfig.defaults());
        defaults.put("default.replication.factor", replicas);
        defaults.put("min.insync.replicas", minIsr);
        defaults.put("offsets.topic.replication.factor", replicas);
        defaults.put("transaction.state.log.replication.factor", replicas);
        defaults.put("transaction.state.log.min.isr", minIsr);
        defaults.put("share.coordinator.state.topic.replication.factor", replicas);
        defaults.put("share.coordinator.state.topic.min.isr", minIsr);
        // Kafka's default already; written out because losing acknowledged records is exactly
        // what tests on a cluster are there to rule out.
        defaults.put("unclean.leader.election.enable", "false");
        return defaults;
    }

    private static void checkNodes(int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, was " + nodes);
        }
    }
}
