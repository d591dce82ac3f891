package io.imsg.testkit;

import io.imsg.testkit.internal.ClusterConfig;
import io.imsg.testkit.internal.ClusterQueries;
import io.imsg.testkit.internal.ClusterSettings;
import io.imsg.testkit.internal.DataDirs;
import io.imsg.testkit.internal.TopicReadiness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster of N KRaft nodes (default 3) on 127.0.0.1, each a combined broker and
 * controller in its own child JVM, for tests that must survive the loss of a broker the way a
 * production cluster does. No Docker needed.
 *
 * <p>Contract:
 * <ul>
 *   <li>All nodes share one cluster id and a static quorum naming every node as a voter.
 *       Defaults are those of a replicated cluster: replication factor {@code min(3, N)} for
 *       every topic (internal ones included), {@code min.insync.replicas} one less (2 on three
 *       nodes), unclean leader election off. {@link EmbeddedKafkaClusterBuilder#brokerProperty}
 *       overrides them on every node.
 *   <li>{@link #start()} starts the nodes side by side and returns once each one answers
 *       requests addressed to it and the cluster lists all N; it fails with an
 *       {@link EmbeddedKafkaException} carrying the failing node's log tail, and then leaves no
 *       node of that start running.
 *   <li>{@link #node(int)} hands out one node by its Kafka node id, to kill, stop, restart,
 *       suspend or resume it by its process id. Ports and log directories are chosen at the
 *       first start and kept, so a restarted node rejoins with its data.
 *   <li>No child outlives this JVM: each halts when its standard input closes, and a shutdown
 *       hook kills them too.
 * </ul>
 * Thread-safe; lifecycle calls on the cluster are serialized.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().build().start()) {
 *     cluster.createTopic("orders", 6);              // 3 replicas, 2 must be in sync
 *     // ... clients with cluster.bootstrapServers() ...
 *     ClusterNode controller = cluster.node(cluster.activeControllerId());
 *     controller.kill();                             // kill -9 mid-stream
 *     controller.start();                            // back, same ports and data
 * }
 * }</pre>
 */
public final class EmbeddedKafkaCluster implements KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(15);

    private final ClusterSettings settings;
    private final boolean temporaryDataDir;
    private final ClusterExitHook exitHook;
    private volatile Path dataDir;
    private volatile List<ClusterNode> nodes;
    private volatile boolean closed;
    private Duration lastStartup;

    EmbeddedKafkaCluster(ClusterSettings settings) {
        this.settings = settings;
        this.temporaryDataDir = settings.dataDir().isEmpty();
        this.dataDir = settings.dataDir().map(Path::toAbsolutePath).orElse(null);
        this.exitHook = new ClusterExitHook(() -> nodes, () -> temporaryDataDir && !closed ? dataDir : null);
    }

    /**
     * A builder with the defaults: 3 nodes, a temporary data directory, 384m heap per node, 90 s
     * start timeout.
     */
    public static EmbeddedKafkaClusterBuilder builder() {
        return new EmbeddedKafkaClusterBuilder(ClusterSettings.defaults());
    }

    /**
     * Starts every node that is not running, side by side, and waits until each serves clients.
     * The first start picks the ports and formats the nodes' log directories.
     *
     * @return this
     * @throws IllegalStateException if every node runs already, or the cluster was closed
     * @throws EmbeddedKafkaException if a node exits or is not ready within the start timeout
     */
    public synchronized EmbeddedKafkaCluster start() {
        if (closed) {
            throw new IllegalStateException("this EmbeddedKafkaCluster was closed; build a new one");
        }
        if (nodes == null) {
            nodes = ClusterNodes.create(settings, dataDir());
        }
        List<ClusterNode> launching = nodes.stream().filter(node -> !node.isRunning()).toList();
        if (launching.isEmpty()) {
            throw new IllegalStateException("every node of the cluster is running already: " + nodes);
        }
        exitHook.register();
        long begin = System.nanoTime();
        launchAll(launching, begin + settings.node().startTimeout().toNanos());
        lastStartup = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info("IMSG-9020 embedded Kafka cluster of {} nodes ready at {} in {} ms ({}), data in {}", nodes.size(),
                bootstrapServers(), lastStartup.toMillis(), nodes, dataDir());
        return this;
    }

    /**
     * Stops every node gracefully, all at once (so the controller quorum keeps its majority
     * while the brokers hand over), killing any that outlasts the stop timeout; idempotent. The
     * data stays; {@link #start()} brings the cluster back.
     */
    public synchronized void stop() {
        List<ClusterNode> all = nodes;
        if (all == null) {
            return;
        }
        all.forEach(ClusterNode::requestStop);
        all.forEach(ClusterNode::awaitStopped);
        LOG.info("IMSG-9026 embedded Kafka cluster at {} stopped", bootstrapServers());
    }

    /** How many nodes the cluster has. */
    public int size() {
        return settings.nodes();
    }

    /**
     * The node whose Kafka {@code node.id} is {@code id}.
     *
     * @throws IllegalArgumentException if {@code id} is not in {@code 1..size()}
     * @throws IllegalStateException if the cluster was never started
     */
    public ClusterNode node(int id) {
        if (id < 1 || id > size()) {
            throw new IllegalArgumentException("node id must be in 1.." + size() + ", was " + id);
        }
        return started().get(id - 1);
    }

    /** All nodes, by node id. */
    public List<ClusterNode> nodes() {
        return started();
    }

    /** The replication factor of topics made by {@link #createTopic}: {@code min(3, size())}. */
    public int replicationFactor() {
        return ClusterConfig.replicationFactor(size());
    }

    /** The node id of the active controller (the leader of the KRaft metadata quorum), asked now. */
    public int activeControllerId() {
        return ClusterQueries.activeController(adminProperties(), QUERY_TIMEOUT);
    }

    /** The current leader of each partition of {@code topic}; empty where a partition has none. */
    public Map<Integer, OptionalInt> partitionLeaders(String topic) {
        return ClusterQueries.partitionLeaders(adminProperties(), topic, QUERY_TIMEOUT);
    }

    /**
     * The partitions of {@code topic} with fewer in-sync replicas than replicas, asked now: empty
     * once every replica, a restarted node's included, has caught up.
     */
    public Set<Integer> underReplicatedPartitions(String topic) {
        return ClusterQueries.underReplicatedPartitions(adminProperties(), topic, QUERY_TIMEOUT);
    }

    /** Every node's {@code 127.0.0.1:<port>}, comma-separated; the same across restarts. */
    @Override
    public String bootstrapServers() {
        return started().stream().map(ClusterNode::bootstrapServers).collect(Collectors.joining(","));
    }

    /**
     * Creates a topic with {@link #replicationFactor()} replicas per partition and waits until
     * every partition has a leader that answers {@code listOffsets}.
     */
    @Override
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        TopicReadiness.create(adminProperties(), name, partitions, replicationFactor(), configs, TOPIC_TIMEOUT);
    }

    /** The cluster's data directory, holding {@code node-<id>/} per node; a temporary one is made on first use. */
    public synchronized Path dataDir() {
        if (dataDir == null) {
            dataDir = DataDirs.createTemp();
        }
        return dataDir;
    }

    /** How long the last successful {@link #start()} took, from launching the first node to all ready. */
    public synchronized Duration lastStartupTime() {
        if (lastStartup == null) {
            throw new IllegalStateException("the cluster has not started successfully yet");
        }
        return lastStartup;
    }

    @Override
    public BrokerKind kind() {
        return BrokerKind.EMBEDDED_CLUSTER;
    }

    @Override
    public String description() {
        List<ClusterNode> all = nodes;
        return "embedded KRaft cluster of " + size() + " nodes (child JVMs) "
                + (all == null ? "not started" : all.toString());
    }

    /**
     * Stops every node and deletes the data directory if it is a temporary one; idempotent. With
     * a temporary directory the nodes are killed rather than stopped: their data is deleted next,
     * and a graceful stop costs seconds (the last quorum leader waits for a successor that never
     * comes). A kept data directory gets the graceful {@link #stop()}.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (temporaryDataDir && nodes != null) {
                nodes.forEach(ClusterNode::kill);
            } else {
                stop();
            }
        } finally {
            exitHook.unregister();
            if (temporaryDataDir && dataDir != null) {
                DataDirs.deleteRecursively(dataDir);
            }
        }
    }

    @Override
    public String toString() {
        return description();
    }

    /** Launches every node, then waits for each; on failure kills all it launched and rethrows. */
    private static void launchAll(List<ClusterNode> launching, long deadlineNanos) {
        List<ClusterNode> launched = new ArrayList<>();
        try {
            for (ClusterNode node : launching) {
                node.launch();
                launched.add(node);
            }
            // Any launched node dying fails the start at once: with too few voters left the
            // others would only wait for a quorum until the timeout.
            Runnable allAlive = () -> launched.forEach(ClusterNode::checkAlive);
            for (ClusterNode node : launched) {
                node.awaitReady(deadlineNanos, allAlive);
            }
        } catch (RuntimeException e) {
            launched.forEach(ClusterNode::kill); // a failed start must not linger on its ports
            throw e;
        }
    }

    private List<ClusterNode> started() {
        List<ClusterNode> all = nodes;
        if (all == null) {
            throw new IllegalStateException("the cluster was never started, so it has no nodes yet");
        }
        return all;
    }
}
