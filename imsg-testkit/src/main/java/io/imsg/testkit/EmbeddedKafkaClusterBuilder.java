package io.imsg.testkit;

import io.imsg.testkit.internal.BrokerConfig;
import io.imsg.testkit.internal.BrokerSettings;
import io.imsg.testkit.internal.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an {@link EmbeddedKafkaCluster}; each setter checks its argument and names the
 * setting when it rejects one. Obtained from {@link EmbeddedKafkaCluster#builder()}; not
 * thread-safe.
 *
 * <pre>{@code
 * EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder()
 *         .nodes(3)
 *         .heap("384m")                                   // per node
 *         .brokerProperty("log.retention.ms", "60000")    // on every node
 *         .startTimeout(Duration.ofSeconds(90))
 *         .build();
 * }</pre>
 */
public final class EmbeddedKafkaClusterBuilder {

    private int nodes;
    private Optional<Path> dataDir;
    private final Map<String, String> brokerProperties;
    private String heap;
    private Duration startTimeout;
    private Duration stopTimeout;

    EmbeddedKafkaClusterBuilder(ClusterSettings from) {
        this.nodes = from.nodes();
        this.dataDir = from.node().dataDir();
        this.brokerProperties = new LinkedHashMap<>(from.node().brokerProperties());
        this.heap = from.node().heap();
        this.startTimeout = from.node().startTimeout();
        this.stopTimeout = from.node().stopTimeout();
    }

    /**
     * How many nodes, each a combined broker and controller and a voter of the quorum; default
     * 3, at most {@value ClusterSettings#MAX_NODES}. Topics get {@code min(3, nodes)} replicas.
     */
    public EmbeddedKafkaClusterBuilder nodes(int nodes) {
        ClusterSettings.checkNodes(nodes);
        this.nodes = nodes;
        return this;
    }

    /**
     * Keeps the nodes' files in {@code dataDir}, one {@code node-<id>/} directory each (created
     * if missing, never deleted by the testkit). By default a temporary directory is used and
     * deleted on close.
     */
    public EmbeddedKafkaClusterBuilder dataDir(Path dataDir) {
        this.dataDir = Optional.of(Objects.requireNonNull(dataDir, "dataDir must not be null"));
        return this;
    }

    /**
     * Sets a Kafka server property on every node, overriding the testkit's default. A raw
     * pass-through: the value is not checked here, the nodes check it when they start.
     *
     * @throws IllegalArgumentException for a blank key or one the testkit owns (listeners,
     *     node id, quorum, log directories)
     */
    public EmbeddedKafkaClusterBuilder brokerProperty(String key, String value) {
        BrokerConfig.checkProperty(key, value);
        brokerProperties.put(key, value);
        return this;
    }

    /** Each node's maximum heap, as for {@code -Xmx}: {@code 384m} (default), {@code 512m}. */
    public EmbeddedKafkaClusterBuilder heap(String heap) {
        BrokerSettings.checkHeap(heap);
        this.heap = heap;
        return this;
    }

    /**
     * How long {@link EmbeddedKafkaCluster#start()} may take for all nodes, and
     * {@link ClusterNode#start()} for one, before it fails; default 90 s.
     */
    public EmbeddedKafkaClusterBuilder startTimeout(Duration startTimeout) {
        BrokerSettings.checkPositive("startTimeout", startTimeout);
        this.startTimeout = startTimeout;
        return this;
    }

    /** How long a node's graceful stop may take before it is killed; default 15 s. */
    public EmbeddedKafkaClusterBuilder stopTimeout(Duration stopTimeout) {
        BrokerSettings.checkPositive("stopTimeout", stopTimeout);
        this.stopTimeout = stopTimeout;
        return this;
    }

    /** A cluster with these settings, not started yet: no process, no files, no ports. */
    public EmbeddedKafkaCluster build() {
        return new EmbeddedKafkaCluster(new ClusterSettings(nodes,
                new BrokerSettings(dataDir, Optional.empty(), brokerProperties, heap, startTimeout, stopTimeout)));
    }
}
