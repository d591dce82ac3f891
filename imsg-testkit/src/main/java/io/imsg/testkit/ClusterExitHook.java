package io.imsg.testkit;

import io.imsg.testkit.internal.DataDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The shutdown hook of an {@link EmbeddedKafkaCluster}: when the JVM exits without
 * {@code close()}, it kills every node at once (nobody is left to wait for a clean stop) and
 * deletes the temporary data directory. Each node would halt by itself when its standard input
 * closes; the hook only makes that immediate. Registered at the first start, removed on close.
 */
final class ClusterExitHook {

    private final Thread thread;
    private boolean registered;

    /**
     * @param nodes the nodes, or null before the first start
     * @param leftoverDir the directory to delete at exit, or null for none
     */
    ClusterExitHook(Supplier<List<ClusterNode>> nodes, Supplier<Path> leftoverDir) {
        this.thread = new Thread(() -> onExit(nodes.get(), leftoverDir.get()), "imsg-embedded-kafka-cluster-exit");
    }

    synchronized void register() {
        if (!registered) {
            Runtime.getRuntime().addShutdownHook(thread);
            registered = true;
        }
    }

    synchronized void unregister() {
        if (registered) {
            try {
                Runtime.getRuntime().removeShutdownHook(thread);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook runs anyway and finds the nodes stopped.
            }
            registered = false;
        }
    }

    private static void onExit(List<ClusterNode> nodes, Path leftoverDir) {
        if (nodes != null) {
            nodes.forEach(ClusterNode::killOnExit);
        }
        if (leftoverDir != null) {
            try {
                DataDirs.deleteRecursively(leftoverDir);
            } catch (RuntimeException e) {
                // Best effort while the JVM exits; the temporary directory is left behind.
            }
        }
    }
}
