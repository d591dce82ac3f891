package io.imsg.testkit.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicReadinessTest {

    @Test
    void badTopicArgumentsAreRejectedByName() {
        assertThatThrownBy(() -> TopicReadiness.checkArguments(" ", 1, Map.of())).hasMessageContaining("topic name");
        assertThatThrownBy(() -> TopicReadiness.checkArguments("orders", 0, Map.of())).hasMessageContaining("partitions");
        assertThatThrownBy(() -> TopicReadiness.checkArguments("orders", 1, null)).hasMessageContaining("configs");
    }

    @Test
    void replicationFactorBelowOneIsRejectedByNameBeforeAnyRequest() {
        assertThatThrownBy(() -> TopicReadiness.create(Map.of(), "orders", 1, 0, Map.of(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicationFactor must be >= 1, was 0");
    }
}
