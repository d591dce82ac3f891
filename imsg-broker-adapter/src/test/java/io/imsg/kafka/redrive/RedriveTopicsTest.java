package io.imsg.kafka.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedriveTopicsTest {

    @Test
    void aRoutedTopicAndItsDeadLetterTopicNameTheSameTopics() {
        assertThat(RedriveTopics.deadLetterTopicOf("orders")).isEqualTo("orders.dlt");
        assertThat(RedriveTopics.deadLetterTopicOf("orders.dlt")).isEqualTo("orders.dlt");
        assertThat(RedriveTopics.routedTopicOf("orders.dlt")).isEqualTo("orders");
        assertThat(RedriveTopics.ledgerTopicOf("orders")).isEqualTo("orders.dlt.redriven");
    }

    @Test
    void aBlankTopicIsRejected() {
        assertThatThrownBy(() -> RedriveTopics.deadLetterTopicOf(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic must not be blank");
        assertThatThrownBy(() -> RedriveTopics.ledgerTopicOf(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic must not be blank");
    }
}
