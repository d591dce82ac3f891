package io.imsg.testkit.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Waits until one node of an embedded cluster serves clients.
 *
 * <p>{@link ClusterReadiness}'s test, "describeCluster lists the node", is not enough on a
 * cluster: after a {@code kill -9} the other nodes keep listing the dead node until its broker
 * session expires, so a node restarted quickly would look ready at once. Ready here means the
 * node's client port is open, the node itself answers a request addressed to it alone
 * ({@code describeConfigs} of its broker resource, which Kafka routes to that node id, and a
 * broker processes requests only once its controller has unfenced it), and
 * {@code describeCluster} lists it.
 */
public final class NodeReadiness {

    private static final long REQUEST_MILLIS = 2_000;

    private NodeReadiness() {}

    /**
     * Returns once {@code node} serves clients.
     *
     * @param deadlineNanos when to give up, on the {@link System#nanoTime()} clock
     * @param timeout the whole timeout, for the failure message
     * @param checkAlive throws if a process the start depends on has exited; called between tries
     * @param failure builds the exception thrown when time runs out, from a description
     * @throws RuntimeException from {@code checkAlive} or {@code failure}
     */
    public static void await(QuorumNode node, long deadlineNanos, Duration timeout, Runnable checkAlive,
            Function<String, RuntimeException> failure) {
        while (!ClusterReadiness.portOpen(node.ports().clientPort())) {
            checkAlive.run();
            ClusterReadiness.checkTime(deadlineNanos, timeout,
                    "the client port " + node.ports().clientPort() + " of node " + node.id() + " never opened", failure);
            ClusterReadiness.sleep();
        }
        try (Admin admin = Admin.create(ClusterReadiness.quietAdmin(node.ports()))) {
            while (!answersItself(admin, node.id()) || !listed(admin, node.id())) {
                checkAlive.run();
                ClusterReadiness.checkTime(deadlineNanos, timeout,
                        "node " + node.id() + " never answered requests addressed to it", failure);
                ClusterReadiness.sleep();
            }
        }
    }

    private static boolean answersItself(Admin admin, int id) {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(id));
        return answer(admin.describeConfigs(List.of(broker)).all()).isPresent();
    }

    private static boolean listed(Admin admin, int id) {
        return answer(admin.describeCluster().nodes())
                .map(nodes -> nodes.stream().mapToInt(Node::id).anyMatch(listedId -> listedId == id))
                .orElse(false);
    }

    /** The answer, or empty if the request failed or took too long: the caller tries again. */
    private static <T> Optional<T> answer(KafkaFuture<T> request) {
        try {
            return Optional.of(request.get(REQUEST_MILLIS, TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the node", e);
        }
    }
}
