package io.imsg.kafka.lanes;

import io.imsg.api.Message;
import io.imsg.kafka.topics.TopicProvisioner;
import io.imsg.schema.Priority;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the lane a message is published to: HIGH messages go to the priority lane of their topic,
 * everything else to the topic itself.
 *
 * <p>A lane has to be ready before it is used: it must exist, and the producer must know its
 * metadata, or its first send to the lane blocks on a metadata fetch (KAFKA-14768), which makes the
 * first important messages late before they are even sent. So the <em>first message of any
 * priority</em> to a topic starts, in the background, warming the producer's metadata for the lane
 * if the lane exists (usually the subscriber created it). A lane is never created for a topic that
 * has no HIGH message: a HIGH message that finds the lane not warmed (missing, or its warm-up not
 * finished) makes it ready itself, on the sending thread, creating a missing lane with the topic's
 * partition count and {@link PriorityLanes#topicConfigs}; it never waits for the background. If that fails, the
 * message goes to the normal lane (it arrives later, but it arrives) and the next HIGH message
 * tries again. Thread-safe; {@link #close()} stops the background thread.
 */
public final class LaneSelector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LaneSelector.class);

    private final boolean enabled;
    private final Consumer<String> ensureLane;
    private final Predicate<String> warmIfExists;
    private final Set<String> readyLanes = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Boolean>> warming = new ConcurrentHashMap<>();
    private final ExecutorService warmer;

    private LaneSelector(boolean enabled, Consumer<String> ensureLane, Predicate<String> warmIfExists) {
        this.enabled = enabled;
        this.ensureLane = ensureLane;
        this.warmIfExists = warmIfExists;
        this.warmer = enabled && warmIfExists != null ? Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imsg-lane-warmer");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /** Lanes off: every message goes to the topic it was published to. */
    public static LaneSelector disabled() {
        return new LaneSelector(false, topic -> {}, null);
    }

    /**
     * @param ensureLane makes the priority lane of a logical topic ready to send to: creates it if it
     *     is missing and fetches its metadata; may block; throws if the lane cannot be used
     * @param warmIfExists fetches the lane's metadata if the lane exists, and says whether it does;
     *     may block; runs on a background thread
     */
    public static LaneSelector enabled(Consumer<String> ensureLane, Predicate<String> warmIfExists) {
        return new LaneSelector(true, ensureLane, warmIfExists);
    }

    /** Lanes on, with no background warm-up: each topic's first HIGH message runs {@code ensureLane}. */
    public static LaneSelector enabled(Consumer<String> ensureLane) {
        return new LaneSelector(true, ensureLane, null);
    }

    /** Lane creation through the admin client, like the subscriber's derived topics. */
    public static Consumer<String> provisioning(TopicProvisioner provisioner) {
        return topic -> {
            int partitions = provisioner.partitionCounts(Set.of(topic)).get(topic);
            int maxBytes = provisioner.maxMessageBytes(Set.of(topic)).get(topic);
            provisioner.ensure(Map.of(PriorityLanes.laneOf(topic), partitions), PriorityLanes.topicConfigs(maxBytes));
        };
    }

    public String topicFor(String topic, Message<?> message) {
        if (!enabled || PriorityLanes.isLane(topic)) {
            return topic;
        }
        CompletableFuture<Boolean> warmed = warmer == null ? null : warming.computeIfAbsent(topic, this::startWarming);
        if (message.priority() != Priority.HIGH) {
            return topic;
        }
        if (readyLanes.contains(topic)) {
            return PriorityLanes.laneOf(topic);
        }
        try {
            if (!warmedAlready(warmed)) {
                ensureLane.accept(topic);
            }
            readyLanes.add(topic);
            return PriorityLanes.laneOf(topic);
        } catch (RuntimeException e) {
            // A lane only makes a message faster; failing to make one must not fail the message.
            log.warn("IMSG-1501 priority lane of {} could not be made ready, publishing to {} instead: {}", topic,
                    topic, e.toString());
            return topic;
        }
    }

    /** True only if the warm-up has finished and found the lane; a HIGH message never waits for it. */
    private static boolean warmedAlready(CompletableFuture<Boolean> warmed) {
        return warmed != null && warmed.isDone() && !warmed.isCompletedExceptionally() && warmed.join();
    }

    private CompletableFuture<Boolean> startWarming(String topic) {
        try {
            return CompletableFuture.supplyAsync(() -> warmIfExists.test(topic), warmer).whenComplete((exists, e) -> {
                if (e != null) {
                    // Only a head start is lost: the topic's first HIGH message readies the lane itself.
                    log.debug("IMSG-1502 warming the priority lane of {} failed: {}", topic, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the publisher is closed", e));
        }
    }

    @Override
    public void close() {
        if (warmer != null) {
            warmer.shutdownNow();
        }
    }
}
