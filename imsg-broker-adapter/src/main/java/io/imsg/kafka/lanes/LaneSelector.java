package io.imsg.kafka.lanes;

import io.imsg.api.Message;
import io.imsg.kafka.topics.TopicProvisioner;
import io.imsg.schema.Priority;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the lane a message is published to: HIGH messages go to the priority lane of their topic,
 * everything else to the topic itself. The first HIGH message for a topic makes sure its lane exists
 * (created with the topic's partition count and record size limit), once per publisher. If that
 * fails, the message goes to the normal lane: it arrives later, but it arrives. Thread-safe.
 */
public final class LaneSelector {

    private static final Logger log = LoggerFactory.getLogger(LaneSelector.class);

    private final boolean enabled;
    private final Consumer<String> ensureLane;
    private final Set<String> readyLanes = ConcurrentHashMap.newKeySet();

    private LaneSelector(boolean enabled, Consumer<String> ensureLane) {
        this.enabled = enabled;
        this.ensureLane = ensureLane;
    }

    /** Lanes off: every message goes to the topic it was published to. */
    public static LaneSelector disabled() {
        return new LaneSelector(false, topic -> {});
    }

    /** @param ensureLane creates the priority lane of a logical topic if it is missing; may block */
    public static LaneSelector enabled(Consumer<String> ensureLane) {
        return new LaneSelector(true, ensureLane);
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
        if (!enabled || message.priority() != Priority.HIGH || PriorityLanes.isLane(topic)) {
            return topic;
        }
        if (!readyLanes.contains(topic)) {
            try {
                ensureLane.accept(topic);
                readyLanes.add(topic);
            } catch (RuntimeException e) {
                // A lane only makes a message faster; failing to make one must not fail the message.
                log.warn("IMSG-1501 priority lane of {} could not be made ready, publishing to {} instead: {}", topic,
                        topic, e.toString());
                return topic;
            }
        }
        return PriorityLanes.laneOf(topic);
    }
}
