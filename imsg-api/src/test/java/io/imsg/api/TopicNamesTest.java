package io.imsg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"orders", "orders.priority", "orders.retry.30s", "Orders_v2", "a-b.c_D.9", "..."})
    void legalKafkaTopicNamesAreAccepted(String topic) {
        assertThat(TopicNames.requireLegal(topic)).isEqualTo(topic);
        assertThat(TopicNames.isLegal(topic)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my orders", "orders/eu", "orders:v1", "orders*", "ordérs", "orders\n", "\torders"})
    void topicsWithCharactersKafkaForbidsAreRejectedNamingTheCharacter(String topic) {
        assertThatThrownBy(() -> TopicNames.requireLegal(topic))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains the illegal character U+")
                .hasMessageEndingWith("Kafka topic names allow only [a-zA-Z0-9._-]");
        assertThat(TopicNames.isLegal(topic)).isFalse();
    }

    @Test
    void theIllegalCharacterAndItsPositionAreNamed() {
        assertThatThrownBy(() -> TopicNames.requireLegal("my orders"))
                .hasMessage("topic 'my orders' contains the illegal character U+0020 at index 2;"
                        + " Kafka topic names allow only [a-zA-Z0-9._-]");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void dotAndDotDotAreRejected(String topic) {
        assertThatThrownBy(() -> TopicNames.requireLegal(topic))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic must not be '.' or '..'; Kafka reserves them");
        assertThat(TopicNames.isLegal(topic)).isFalse();
    }

    @Test
    void topicOf249CharactersIsAcceptedAnd250IsRejected() {
        assertThat(TopicNames.requireLegal("t".repeat(249))).hasSize(249);

        assertThatThrownBy(() -> TopicNames.requireLegal("t".repeat(250)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is 250 characters long; Kafka allows at most 249");
        assertThat(TopicNames.isLegal("t".repeat(250))).isFalse();
    }

    @Test
    void theMessageNamesTheSettingAndBlankOrMissingNamesAreRefused() {
        assertThatThrownBy(() -> TopicNames.requireLegal("orders offline", "fallback topic"))
                .hasMessage("fallback topic 'orders offline' contains the illegal character U+0020 at index 6;"
                        + " Kafka topic names allow only [a-zA-Z0-9._-]");
        for (String blank : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> TopicNames.requireLegal(blank, "schema topic"))
                    .hasMessage("schema topic must not be blank");
            assertThat(TopicNames.isLegal(blank)).isFalse();
        }
    }
}
