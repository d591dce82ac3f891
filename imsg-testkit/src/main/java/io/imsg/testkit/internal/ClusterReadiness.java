package io.imsg.testkit.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/**
 * Waits until a freshly started broker serves clients.
 *
 * <p>An open port is not enough: the broker listens before it has registered with its
 * controller, and a client that comes too early gets errors. Ready means an Admin client's
 * {@code describeCluster} lists the broker's node. The port is polled first only because it is
 * quiet: an Admin client polling a closed port logs a warning for every try.
 */
public final class ClusterReadiness {

    private static final Duration POLL = Duration.ofMillis(100);

    private ClusterReadiness() {}

    /**
     * Returns once {@code process}'s broker serves clients.
     *
     * @param failure builds the exception thrown when the child exits or time runs out, from
     *     a description of what happened; it adds the broker's log tail
     * @throws RuntimeException from {@code failure}
     */
    public static void await(BrokerPorts ports, BrokerProcess process, Duration timeout,
            Function<String, RuntimeException> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!portOpen(ports.clientPort())) {
            checkAlive(process, failure);
            checkTime(deadline, timeout, "its client port " + ports.clientPort() + " never opened", failure);
            sleep();
        }
        try (Admin admin = Admin.create(quietAdmin(ports))) {
            while (!nodeListed(admin)) {
                checkAlive(process, failure);
                checkTime(deadline, timeout, "describeCluster never listed node " + BrokerConfig.NODE_ID, failure);
                sleep();
            }
        }
    }

    private static boolean nodeListed(Admin admin) {
        try {
            return admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).stream()
                    .mapToInt(Node::id)
                    .anyMatch(id -> id == BrokerConfig.NODE_ID);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    static Map<String, Object> quietAdmin(BrokerPorts ports) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ports.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "imsg-testkit-readiness");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        return config;
    }

    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BrokerPorts.HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkAlive(BrokerProcess process,
            Function<String, RuntimeException> failure) {
        if (!process.isAlive()) {
            throw failure.apply("the broker process (pid " + process.pid() + ") exited with status "
                    + process.exitStatus().orElse(-1) + " while starting");
        }
    }

    static void checkTime(long deadlineNanos, Duration timeout, String what,
            Function<String, RuntimeException> failure) {
        if (System.nanoTime() - deadlineNanos >= 0) {
            throw failure.apply("the broker did not become ready within " + timeout.toMillis() + " ms: " + what);
        }
    }

    static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }
}
