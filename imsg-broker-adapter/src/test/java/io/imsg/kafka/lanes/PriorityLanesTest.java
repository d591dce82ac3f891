package io.imsg.kafka.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class PriorityLanesTest {

    @Test
    void aLaneIsItsTopicWithASuffixAndBack() {
        assertThat(PriorityLanes.laneOf("orders")).isEqualTo("orders.priority");
        assertThat(PriorityLanes.logicalOf("orders.priority")).isEqualTo("orders");
        assertThat(PriorityLanes.logicalOf("orders")).isEqualTo("orders");
        assertThat(PriorityLanes.isLane(".priority")).isFalse(); // a bare suffix names no topic
    }

    @Test
    void aNewLaneGetsItsTopicsRecordLimitAndTheSparseIndex() {
        assertThat(PriorityLanes.topicConfigs(2_000_000)).containsOnly(
                entry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2000000"),
                entry(TopicConfig.INDEX_INTERVAL_BYTES_CONFIG, "1048576"));
    }

    @Test
    void onlyAnIntervalBelowTheLanesCountsAsDense() {
        assertThat(PriorityLanes.hasDenseIndex("4096")).isTrue();
        assertThat(PriorityLanes.hasDenseIndex("1048576")).isFalse();
        assertThat(PriorityLanes.hasDenseIndex("4194304")).isFalse(); // an operator's sparser choice is fine
        assertThat(PriorityLanes.hasDenseIndex("not a number")).isFalse();
    }
}
