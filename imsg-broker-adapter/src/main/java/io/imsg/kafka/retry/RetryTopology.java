package io.imsg.kafka.retry;

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
    private final Map<String, List<RetryStage>> stagesByBase;
    private final Map<String, RetryStage> stageByTopic;

    private RetryTopology(Map<String, List<RetryStage>> stagesByBase) {
        this.stagesByBase = Map.copyOf(stagesByBase);
        Map<String, RetryStage> byTopic = new HashMap<>();
        Set<String> topics = new LinkedHashSet<>(stagesByBase.keySet());
        stagesByBase.values().forEach(stages -> stages.forEach(stage -> {
            byTopic.put(stage.topic(), stage);
            topics.add(stage.topic());
        }));
        this.stageByTopic = Map.copyOf(byTopic);
        this.allTopics = Set.copyOf(topics);
    }

    /** @param delaysByTopic for each routed topic, its retry delays in order (empty: no retry topics) */
    public static RetryTopology of(Map<String, List<Duration>> delaysByTopic) {
        Map<String, List<RetryStage>> stages = new HashMap<>();
        delaysByTopic.forEach((topic, delays) -> {
            List<RetryStage> list = new java.util.ArrayList<>();
            for (int i = 0; i < delays.size(); i++) {
                list.add(new RetryStage(topic, i, delays.get(i)));
            }
            stages.put(topic, List.copyOf(list));
        });
        return new RetryTopology(stages);
    }

    /** Routed topics and their retry topics: what the subscriber reads. */
    public Set<String> allTopics() {
        return allTopics;
    }

    public List<RetryStage> stagesOf(String baseTopic) {
        return stagesByBase.getOrDefault(baseTopic, List.of());
    }

    /** The stage a topic is, if it is a retry topic. */
    public Optional<RetryStage> stageOf(String topic) {
        return Optional.ofNullable(stageByTopic.get(topic));
    }

    /** The routed topic behind {@code topic}: itself, or the base of a retry topic. */
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
