package io.imsg.kafka.lanes;

import io.imsg.api.Message;
import io.imsg.kafka.topics.TopicProvisioner;
import io.imsg.schema.Priority;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the lane a message is published to: HIGH messages go to the priority lane of their topic,
 * everything else to the topic itself.
 *
 * <p>A lane has to be ready before it is used: created if missing (with the topic's partition count
 * and record size limit), and known to the producer, whose first send to a topic otherwise blocks
 * on a metadata fetch (KAFKA-14768). Both take round trips, and an important message that waits
 * for them is late before it is even sent. So the <em>first message of any priority</em> to a topic
 * starts readying its lane in the background, once per publisher; a HIGH message waits only if
 * that is still going on. If readying fails, the HIGH message goes to the normal lane (it arrives
 * later, but it arrives) and the next one tries again. Thread-safe; {@link #close()} stops the
 * background thread.
 */
public final class LaneSelector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LaneSelector.class);

    private final boolean enabled;
    private final Consumer<String> readyLane;
    private final Map<String, CompletableFuture<Void>> lanes = new ConcurrentHashMap<>();
    private final ExecutorService preparer;

    private LaneSelector(boolean enabled, Consumer<String> readyLane) {
        this.enabled = enabled;
        this.readyLane = readyLane;
        this.preparer = enabled ? Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imsg-lane-preparer");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /** Lanes off: every message goes to the topic it was published to. */
    public static LaneSelector disabled() {
        return new LaneSelector(false, topic -> {});
    }

    /**
     * @param readyLane makes the priority lane of a logical topic ready to send to (creates it if
     *     missing, fetches its metadata); may block; throws if the lane cannot be used
     */
    public static LaneSelector enabled(Consumer<String> readyLane) {
        return new LaneSelector(true, readyLane);
    }

    /** Lane creation through the admin client, like the subscriber's derived topics. */
    public static Consumer<String> provisioning(TopicProvisioner provisioner) {
        return topic -> {
            int partitions = provisioner.partitionCounts(Set.of(topic)).get(topic);
            int maxBytes = provisioner.maxMessageBytes(Set.of(topic)).get(topic);
            provisioner.ensure(Map.of(PriorityLanes.laneOf(topic), partitions),
                    Map.of("max.message.bytes", Integer.toString(maxBytes)));
        };
    }

    public String topicFor(String topic, Message<?> message) {
        if (!enabled || PriorityLanes.isLane(topic)) {
            return topic;
        }
        CompletableFuture<Void> lane = lanes.computeIfAbsent(topic, this::startReadying);
        if (message.priority() != Priority.HIGH) {
            return topic;
        }
        try {
            lane.join();
            return PriorityLanes.laneOf(topic);
        } catch (CompletionException | CancellationException e) {
            lanes.remove(topic, lane); // the next message to this topic tries again
            // A lane only makes a message faster; failing to make one must not fail the message.
            log.warn("IMSG-1501 priority lane of {} could not be made ready, publishing to {} instead: {}", topic,
                    topic, (e.getCause() != null ? e.getCause() : e).toString());
            return topic;
        }
    }

    private CompletableFuture<Void> startReadying(String topic) {
        try {
            return CompletableFuture.runAsync(() -> readyLane.accept(topic), preparer);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the publisher is closed", e));
        }
    }

    @Override
    public void close() {
        if (preparer != null) {
            preparer.shutdownNow();
            // Readying that never ran must not leave a HIGH message waiting for it forever.
            lanes.values().forEach(lane -> lane.completeExceptionally(new IllegalStateException("the publisher is closed")));
        }
    }
}
