package io.imsg.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.publish.PublisherSettings;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {

    private static final SubscriberSettings SUBSCRIBER = SubscriberSettings.builder("inventory").build();

    private static KafkaSettings.Builder kafka() {
        return KafkaSettings.builder().bootstrapServers("127.0.0.1:9092").service("inventory-service");
    }

    @Test
    void theCopyingProducerTakesAtLeast32MiBRequestsAndKeepsALargerOneTheUserSet() {
        PublisherSettings publisher = PublisherSettings.ofDefaults();

        assertThat(ClientConfigs.producer(kafka().build(), publisher)).containsEntry("max.request.size", 1_065_536);
        assertThat(ClientConfigs.copyingProducer(kafka().build(), publisher))
                .containsEntry("max.request.size", 32 * 1024 * 1024);
        assertThat(ClientConfigs.copyingProducer(kafka().clientProperty("max.request.size", "67108864").build(),
                publisher)).containsEntry("max.request.size", 67_108_864);
    }

    @Test
    void aPassThroughGroupIdOtherThanTheSubscribersIsRefused() {
        KafkaSettings settings = kafka().clientProperty("group.id", "someone-else").build();

        assertThatThrownBy(() -> ClientConfigs.checkConsumerPassThrough(settings.clientProperties(), SUBSCRIBER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'group.id' (someone-else) differs from the subscriber's group 'inventory'");
    }

    @Test
    void anOffsetResetThatSkipsRecordsIsRefused() {
        for (String value : new String[] {"latest", "none", "by_duration:PT1H"}) {
            KafkaSettings settings = kafka().clientProperty("auto.offset.reset", value).build();

            assertThatThrownBy(() -> ClientConfigs.checkConsumerPassThrough(settings.clientProperties(), SUBSCRIBER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'auto.offset.reset' must be 'earliest' for a subscriber, was '" + value + "'");
        }
    }

    @Test
    void theSameGroupAndEarliestAreAcceptedAndAToolsScanConsumerIgnoresBoth() {
        KafkaSettings settings = kafka().clientProperty("group.id", "inventory")
                .clientProperty("auto.offset.reset", "EARLIEST").build();

        ClientConfigs.checkConsumerPassThrough(settings.clientProperties(), SUBSCRIBER);
        assertThat(ClientConfigs.consumer(settings, SUBSCRIBER)).containsEntry("group.id", "inventory");
        KafkaSettings forATool = kafka().clientProperty("group.id", "ops").clientProperty("auto.offset.reset", "latest")
                .build();
        assertThat(ClientConfigs.scanConsumer(forATool)).doesNotContainKey("group.id");
    }
}
