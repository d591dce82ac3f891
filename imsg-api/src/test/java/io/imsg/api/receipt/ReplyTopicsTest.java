package io.imsg.api.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplyTopicsTest {

    @Test
    void aServicesReplyTopicLivesUnderThePrefix() {
        assertThat(ReplyTopics.of("orders")).isEqualTo("_imsg.replies.orders");
        assertThat(ReplyTopics.isValid("_imsg.replies.orders")).isTrue();
    }

    @Test
    void namesOutsideThePrefixOrIllegalForKafkaAreRejected() {
        assertThat(ReplyTopics.isValid("orders")).isFalse();
        assertThat(ReplyTopics.isValid("_imsg.replies.")).isFalse();
        assertThat(ReplyTopics.isValid("_imsg.replies.a b")).isFalse();
        assertThat(ReplyTopics.isValid("_imsg.replies." + "x".repeat(240))).isFalse();
        assertThat(ReplyTopics.isValid(null)).isFalse();
        assertThatThrownBy(() -> ReplyTopics.of("my service")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("my service");
    }
}
