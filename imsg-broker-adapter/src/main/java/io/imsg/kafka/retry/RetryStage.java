package io.imsg.kafka.retry;

import java.time.Duration;

/**
 * One retry topic of a source topic: {@code <baseTopic>.retry.<delay>}, the {@code index}-th stage
 * a failing record goes through before the dead-letter topic.
 */
public record RetryStage(String baseTopic, int index, Duration delay) {

    public String topic() {
        return RetryTopicNames.of(baseTopic, delay);
    }
}
