package io.imsg.kafka.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.presence.SendPolicy;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.receipts.ReplySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Presence and reply settings fail when built, with messages that name the setting. */
class PresenceSettingsTest {

    @Test
    void defaultsAreTheCompactedTopicAFiveSecondBeatAndThreeIntervalsOfGrace() {
        PresenceSettings settings = PresenceSettings.ofDefaults();

        assertThat(settings.topic()).isEqualTo("_imsg.presence");
        assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.deadline()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.withTiming(Duration.ofMillis(200), Duration.ofSeconds(1)).deadline())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void invalidPresenceSettingsAreRejectedNamingTheSetting() {
        PresenceSettings defaults = PresenceSettings.ofDefaults();
        assertThatThrownBy(() -> defaults.withTopic(" ")).hasMessage("presence topic must not be blank");
        assertThatThrownBy(() -> defaults.withTopic("presence topic"))
                .hasMessage("presence topic 'presence topic' contains the illegal character U+0020 at index 8;"
                        + " Kafka topic names allow only [a-zA-Z0-9._-]");
        assertThatThrownBy(() -> defaults.withInterval(Duration.ZERO))
                .hasMessage("presence interval must be a positive duration (was PT0S)");
        assertThatThrownBy(() -> defaults.withInterval(Duration.ofMillis(5)))
                .hasMessage("presence interval must be >= 10 ms (was PT0.005S)");
        assertThatThrownBy(() -> defaults.withDeadline(null))
                .hasMessage("presence deadline must be a positive duration (was null)");
        assertThatThrownBy(() -> defaults.withDeadline(Duration.ofSeconds(5)))
                .hasMessage("presence deadline must be longer than the interval (deadline PT5S, interval PT5S)");
    }

    @Test
    void invalidReplySettingsAreRejectedNamingTheSetting() {
        ReplySettings defaults = ReplySettings.ofDefaults();
        assertThat(defaults.topicFor("orders")).isEqualTo("_imsg.replies.orders");
        assertThat(defaults.withTopic("_imsg.replies.custom").topicFor("orders")).isEqualTo("_imsg.replies.custom");
        assertThatThrownBy(() -> defaults.withTopic("orders.replies"))
                .hasMessage("reply topic must be a legal topic name starting with '_imsg.replies.' (was 'orders.replies')");
        assertThatThrownBy(() -> defaults.withPartitions(0)).hasMessage("reply topic partitions must be >= 1 (was 0)");
        assertThatThrownBy(() -> defaults.withRetention(Duration.ofSeconds(-1)))
                .hasMessage("reply topic retention must be a positive duration (was PT-1S)");
        assertThatThrownBy(() -> defaults.withMaxPendingRequests(0)).hasMessage("maxPendingRequests must be >= 1 (was 0)");
        assertThat(new ReplySettings(null, 1, Duration.ofMinutes(1), 1).topic()).isEqualTo(Optional.empty());
    }

    @Test
    void aSendPolicyWithoutPresenceIsAConfigurationError() {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers("127.0.0.1:1").service("orders").build();
        KafkaMessaging.Builder builder = KafkaMessaging.builder(kafka).meterRegistry(new SimpleMeterRegistry())
                .sendPolicy(SendPolicy.failFast());

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("sendPolicy needs presence; call presence(PresenceSettings) too");
        assertThatThrownBy(() -> builder.sendPolicy(" ", SendPolicy.failFast()))
                .hasMessage("sendPolicy target must not be blank");
    }
}
