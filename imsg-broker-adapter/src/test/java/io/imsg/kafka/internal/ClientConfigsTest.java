package io.imsg.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {

    private static final SubscriberSettings SUBSCRIBER = SubscriberSettings.builder("inventory").build();

    private static KafkaSettings.Builder kafka() {
        return KafkaSettings.builder().bootstrapServers("127.0.0.1:9092").service("inventory-service");
    }

    @Test
    void aPassThroughGroupIdOtherThanTheSubscribersIsRefused() {
        KafkaSettings settings = kafka().clientProperty("group.id", "someone-else").build();

        assertThatThrownBy(() -> ClientConfigs.consumer(settings, SUBSCRIBER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'group.id' (someone-else) differs from the subscriber's group 'inventory'");
    }

    @Test
    void anOffsetResetThatSkipsRecordsIsRefused() {
        for (String value : new String[] {"latest", "none", "by_duration:PT1H"}) {
            KafkaSettings settings = kafka().clientProperty("auto.offset.reset", value).build();

            assertThatThrownBy(() -> ClientConfigs.consumer(settings, SUBSCRIBER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'auto.offset.reset' must be 'earliest' for a subscriber, was '" + value + "'");
        }
    }

    @Test
    void theSameGroupAndEarliestAreAcceptedAndAToolsScanConsumerIgnoresBoth() {
        KafkaSettings settings = kafka().clientProperty("group.id", "inventory")
                .clientProperty("auto.offset.reset", "EARLIEST").build();

        assertThat(ClientConfigs.consumer(settings, SUBSCRIBER)).containsEntry("group.id", "inventory");
        KafkaSettings forATool = kafka().clientProperty("group.id", "ops").clientProperty("auto.offset.reset", "latest")
                .build();
        assertThat(ClientConfigs.scanConsumer(forATool)).doesNotContainKey("group.id");
    }
}
