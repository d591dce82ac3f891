package io.imsg.kafka.retry;

import io.imsg.kafka.lanes.PriorityLanes;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which topics a subscriber reads and what each one is: a routed source topic, or one of its retry
 * stages. A record that fails on a source topic goes to its first stage, from stage i to stage
 * i + 1, and from the last stage (or a topic without stages) to the dead-letter topic.
 */
public final class RetryTopology {

    private final Set<String> allTopics;
    private final Set<String> lanes;
    private final Map<String, List<RetryStage>> stagesByBase;
    private final Map<String, RetryStage> stageByTopic;

    private RetryTopology(Map<String, List<RetryStage>> stagesByBase, boolean priorityLanes) {
        this.stagesByBase = Map.copyOf(stagesByBase);
        Map<String, RetryStage> byTopic = new HashMap<>();
        Set<String> topics = new LinkedHashSet<>(stagesByBase.keySet());
        Set<String> laneTopics = new LinkedHashSet<>();
        if (priorityLanes) {
            stagesByBase.keySet().forEach(topic -> laneTopics.add(PriorityLanes.laneOf(topic)));
        }
        this.lanes = Set.copyOf(laneTopics);
        topics.addAll(laneTopics);
        stagesByBase.values().forEach(stages -> stages.forEach(stage -> {
            byTopic.put(stage.topic(), stage);
            topics.add(stage.topic());
        }));
        this.stageByTopic = Map.copyOf(byTopic);
        this.allTopics = Set.copyOf(topics);
    }

    /** @param delaysByTopic for each routed topic, its retry delays in order (empty: no retry topics) */
    public static RetryTopology of(Map<String, List<Duration>> delaysByTopic) {
        return of(delaysByTopic, false);
    }

    /**
     * @param delaysByTopic for each routed topic, its retry delays in order (empty: no retry topics)
     * @param priorityLanes whether each routed topic's priority lane is read too
     */
    public static RetryTopology of(Map<String, List<Duration>> delaysByTopic, boolean priorityLanes) {
        Map<String, List<RetryStage>> stages = new HashMap<>();
        delaysByTopic.forEach((topic, delays) -> {
            List<RetryStage> list = new java.util.ArrayList<>();
            for (int i = 0; i < delays.size(); i++) {
                list.add(new RetryStage(topic, i, delays.get(i)));
            }
            stages.put(topic, List.copyOf(list));
        });
        return new RetryTopology(stages, priorityLanes);
    }

    /** The priority lanes read: one per routed topic when lanes are on. */
    public Set<String> lanes() {
        return lanes;
    }

    /** Routed topics, their priority lanes and their retry topics: what the subscriber reads. */
    public Set<String> allTopics() {
        return allTopics;
    }

    /** The retry stages of a routed topic; a priority lane shares its topic's stages. */
    public List<RetryStage> stagesOf(String baseTopic) {
        return stagesByBase.getOrDefault(PriorityLanes.logicalOf(baseTopic), List.of());
    }

    /** The stage a topic is, if it is a retry topic. */
    public Optional<RetryStage> stageOf(String topic) {
        return Optional.ofNullable(stageByTopic.get(topic));
    }

    /**
     * The topic a record's coordinates belong to: itself (a routed topic or a priority lane), or the
     * routed topic behind a retry topic.
     */
    public String baseOf(String topic) {
        RetryStage stage = stageByTopic.get(topic);
        return stage == null ? topic : stage.baseTopic();
    }

    /** Where a record that failed on {@code topic} goes next, if not to the dead-letter topic. */
    public Optional<RetryStage> nextAfter(String topic) {
        RetryStage stage = stageByTopic.get(topic);
        List<RetryStage> stages = stagesOf(baseOf(topic));
        int next = stage == null ? 0 : stage.index() + 1;
        return next < stages.size() ? Optional.of(stages.get(next)) : Optional.empty();
    }
}
