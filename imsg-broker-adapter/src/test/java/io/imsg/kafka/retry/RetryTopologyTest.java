package io.imsg.kafka.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryTopologyTest {

    private final RetryTopology topology = RetryTopology.of(Map.of(
            "orders", List.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1)),
            "payments", List.of()));

    @Test
    void retryTopicsAreNamedAfterTheirTopicAndDelay() {
        assertThat(topology.allTopics()).containsExactlyInAnyOrder(
                "orders", "orders.retry.1s", "orders.retry.10s", "orders.retry.1m", "payments");
        assertThat(RetryTopicNames.of("t", Duration.ofMillis(1500))).isEqualTo("t.retry.1500ms");
        assertThat(RetryTopicNames.of("t", Duration.ofSeconds(90))).isEqualTo("t.retry.90s");
        assertThat(RetryTopicNames.of("t", Duration.ofHours(2))).isEqualTo("t.retry.2h");
    }

    @Test
    void aFailureMovesOneStageAtATimeThenToTheDeadLetterTopic() {
        assertThat(topology.nextAfter("orders")).map(RetryStage::topic).contains("orders.retry.1s");
        assertThat(topology.nextAfter("orders.retry.1s")).map(RetryStage::topic).contains("orders.retry.10s");
        assertThat(topology.nextAfter("orders.retry.10s")).map(RetryStage::topic).contains("orders.retry.1m");
        assertThat(topology.nextAfter("orders.retry.1m")).isEmpty();
        assertThat(topology.nextAfter("payments")).isEmpty();
    }

    @Test
    void everyRetryTopicKnowsItsBase() {
        assertThat(topology.baseOf("orders.retry.10s")).isEqualTo("orders");
        assertThat(topology.baseOf("orders")).isEqualTo("orders");
        assertThat(topology.stageOf("orders.retry.10s")).map(RetryStage::index).contains(1);
        assertThat(topology.stageOf("orders")).isEmpty();
    }
}
