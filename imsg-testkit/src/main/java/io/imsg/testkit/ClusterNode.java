package io.imsg.testkit;

import io.imsg.testkit.internal.BrokerLauncher;
import io.imsg.testkit.internal.BrokerLayout;
import io.imsg.testkit.internal.BrokerProcess;
import io.imsg.testkit.internal.BrokerSettings;
import io.imsg.testkit.internal.NodeReadiness;
import io.imsg.testkit.internal.QuorumNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of an {@link EmbeddedKafkaCluster}: a combined KRaft broker and controller in its own
 * child JVM, with Kafka's {@code node.id} {@link #id()}. Obtained from
 * {@link EmbeddedKafkaCluster#node(int)}; a test uses it to hurt one node while the others run.
 *
 * <p>Contract: the node keeps its ports and log directory for the cluster's life, so
 * {@link #start()} after {@link #kill()} or {@link #stop()}, and {@link #restart()}, bring back
 * the same node with its data; it then catches up from the others. The child is only ever
 * signalled through its own process id. Lifecycle calls are serialized per node; different
 * nodes may be driven from different threads.
 *
 * <pre>{@code
 * ClusterNode leader = cluster.node(cluster.activeControllerId());
 * leader.kill();    // kill -9: the others elect a new controller and new partition leaders
 * leader.start();   // same ports, same data
 * }</pre>
 */
public final class ClusterNode {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final QuorumNode address;
    private final BrokerSettings settings;
    private final BrokerLayout layout;
    private final Properties serverProperties;
    private final String clusterId;
    private volatile BrokerProcess process;
    private long launchedAt;
    private boolean stopRequested;
    private Duration lastStartup;

    ClusterNode(QuorumNode address, BrokerSettings settings, BrokerLayout layout, Properties serverProperties,
            String clusterId) {
        this.address = address;
        this.settings = settings;
        this.layout = layout;
        this.serverProperties = serverProperties;
        this.clusterId = clusterId;
    }

    /** Kafka's {@code node.id} of this node, 1 to the cluster's size. */
    public int id() {
        return address.id();
    }

    /** This node's own client address, {@code 127.0.0.1:<port>}; the same across restarts. */
    public String bootstrapServers() {
        return address.ports().bootstrapServers();
    }

    /**
     * Starts this node and returns once it serves clients (see {@link NodeReadiness}).
     *
     * @return this
     * @throws IllegalStateException if it is running already
     * @throws EmbeddedKafkaException if it does not become ready within the start timeout; the
     *     child is killed then, and the message carries the tail of its log
     */
    public synchronized ClusterNode start() {
        launch();
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        try {
            awaitReady(deadline, this::checkAlive);
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
        return this;
    }

    /** Stops this node gracefully (SIGTERM), killing it after the stop timeout; idempotent. */
    public synchronized void stop() {
        requestStop();
        awaitStopped();
    }

    /** Kills this node (SIGKILL) as a crash would, and waits until it is gone; idempotent. */
    public synchronized void kill() {
        BrokerProcess current = process;
        if (current != null && current.isAlive()) {
            current.kill();
            LOG.info("IMSG-9023 cluster node {} (pid {}) killed", id(), current.pid());
        }
    }

    /** Stops this node if it runs, then starts it again on the same ports and log directory. */
    public synchronized ClusterNode restart() {
        stop();
        return start();
    }

    /**
     * Freezes this node ({@code kill -STOP}): its sockets stay open but it answers nothing, and
     * the others fence it once its broker session expires. {@link #stop()} thaws it first.
     */
    public synchronized void suspend() {
        running().suspend();
        LOG.info("IMSG-9024 cluster node {} (pid {}) suspended", id(), process.pid());
    }

    /** Thaws a node frozen by {@link #suspend()} ({@code kill -CONT}). */
    public synchronized void resume() {
        running().resume();
        LOG.info("IMSG-9025 cluster node {} (pid {}) resumed", id(), process.pid());
    }

    /**
     * The process id of the current (or last) child JVM.
     *
     * @throws IllegalStateException if the node was never started
     */
    public long pid() {
        BrokerProcess current = process;
        if (current == null) {
            throw new IllegalStateException("node " + id() + " was never started");
        }
        return current.pid();
    }

    /** Whether the child JVM is alive (a suspended node is alive). */
    public boolean isRunning() {
        BrokerProcess current = process;
        return current != null && current.isAlive();
    }

    /** This node's directory: configuration, {@code broker.log}, {@code kafka-logs/}. */
    public Path dataDir() {
        return layout.dataDir();
    }

    /** How long this node's last successful start took, from launch to ready. */
    public synchronized Duration lastStartupTime() {
        if (lastStartup == null) {
            throw new IllegalStateException("node " + id() + " has not started successfully yet");
        }
        return lastStartup;
    }

    /** The tails of this node's log and console output, for test failure messages. */
    public String logTail() {
        return "node " + id() + ": " + layout.tails();
    }

    @Override
    public String toString() {
        BrokerProcess current = process;
        return "node " + id() + " at " + bootstrapServers() + (current == null ? " (not started)" : " (pid "
                + current.pid() + (current.isAlive() ? ")" : ", exited)"));
    }

    /** Launches the child JVM and returns at once; the cluster starts its nodes side by side. */
    synchronized void launch() {
        if (isRunning()) {
            throw new IllegalStateException("node " + id() + " is running already, pid " + process.pid());
        }
        launchedAt = System.nanoTime();
        process = BrokerLauncher.launch(settings, layout, serverProperties, clusterId);
    }

    /**
     * Waits until the launched node serves clients.
     *
     * @param checkAlive throws if a process this start depends on has exited
     */
    void awaitReady(long deadlineNanos, Runnable checkAlive) {
        NodeReadiness.await(address, deadlineNanos, settings.startTimeout(), checkAlive,
                what -> new EmbeddedKafkaException(what + System.lineSeparator() + logTail()));
        Duration took;
        synchronized (this) {
            took = Duration.ofNanos(System.nanoTime() - launchedAt);
            lastStartup = took;
        }
        LOG.info("IMSG-9021 cluster node {} ready at {} (pid {}) in {} ms", id(), bootstrapServers(), pid(),
                took.toMillis());
    }

    /** Throws if this node was launched and has exited since, with the tail of its log. */
    void checkAlive() {
        BrokerProcess current = process;
        if (current != null && !current.isAlive()) {
            throw new EmbeddedKafkaException("cluster node " + id() + " (pid " + current.pid()
                    + ") exited with status " + current.exitStatus().orElse(-1) + " while starting"
                    + System.lineSeparator() + logTail());
        }
    }

    /** Sends SIGTERM if the node runs, and returns at once. */
    synchronized void requestStop() {
        BrokerProcess current = process;
        if (current != null && current.isAlive()) {
            current.requestStop();
            stopRequested = true;
        }
    }

    /** Waits for a stop asked by {@link #requestStop()}, killing the node after the stop timeout. */
    synchronized void awaitStopped() {
        BrokerProcess current = process;
        if (current == null || !stopRequested) {
            return;
        }
        stopRequested = false;
        if (current.waitFor(settings.stopTimeout())) {
            LOG.info("IMSG-9022 cluster node {} (pid {}) stopped", id(), current.pid());
        } else {
            current.kill();
            LOG.warn("IMSG-9027 cluster node {} (pid {}) did not stop within {} ms; killed", id(), current.pid(),
                    settings.stopTimeout().toMillis());
        }
    }

    /** For the JVM's exit: kills without taking the lock, since a lifecycle call may hold it. */
    void killOnExit() {
        BrokerProcess current = process;
        if (current != null && current.isAlive()) {
            current.kill();
        }
    }

    private BrokerProcess running() {
        if (!isRunning()) {
            throw new IllegalStateException("node " + id() + " is not running");
        }
        return process;
    }
}
