package io.imsg.testkit.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated, immutable settings of an embedded cluster.
 *
 * @param nodes how many combined broker and controller nodes, {@code 1..}{@value #MAX_NODES}
 * @param node the settings every node shares: heap, timeouts, pass-through properties; its
 *     {@code dataDir} is the cluster's, each node keeping its files in {@code node-<id>/} below
 */
public record ClusterSettings(int nodes, BrokerSettings node) {

    /** The default number of nodes: the smallest quorum that survives the loss of one. */
    public static final int DEFAULT_NODES = 3;

    /** More would only crowd a test machine; the quorum math is the same from three on. */
    public static final int MAX_NODES = 9;

    public ClusterSettings {
        checkNodes(nodes);
        Objects.requireNonNull(node, "node settings must not be null");
    }

    /**
     * Three nodes with a temporary data directory, 384 MiB of heap each (plenty for test
     * traffic, and three of them fit a small machine), 90 s for all of them to start (they
     * share the machine's cores while they do), 15 s to stop.
     */
    public static ClusterSettings defaults() {
        return new ClusterSettings(DEFAULT_NODES, new BrokerSettings(Optional.empty(), Optional.empty(), Map.of(),
                "384m", Duration.ofSeconds(90), Duration.ofSeconds(15)));
    }

    /** Throws unless {@code nodes} is in {@code 1..MAX_NODES}; the message names the setting. */
    public static void checkNodes(int nodes) {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new IllegalArgumentException("nodes must be in 1.." + MAX_NODES + ", was " + nodes);
        }
    }

    /** The cluster's data directory, if the user chose one. */
    public Optional<Path> dataDir() {
        return node.dataDir();
    }

    /** Where node {@code id} keeps its files below the cluster's data directory. */
    public static Path nodeDir(Path clusterDir, int id) {
        return clusterDir.resolve("node-" + id);
    }
}
