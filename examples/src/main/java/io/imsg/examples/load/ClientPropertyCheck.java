package io.imsg.examples.load;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks {@code --producer-property} and {@code --consumer-property} before any broker starts, so a
 * property either client would refuse is a usage error rather than a failure minutes into a run:
 * iMSG's own rules first (the properties it owns or refuses, checked by {@code KafkaSettings}),
 * then Kafka's own parsing of the raw clients' configuration, which carries the same properties.
 */
final class ClientPropertyCheck {

    /** Never contacted: the configurations are only parsed. */
    private static final String NO_BROKER = "127.0.0.1:9";

    private ClientPropertyCheck() {}

    /** @throws IllegalArgumentException naming the property and the rule it breaks */
    static void check(LoadSettings settings) {
        ImsgTarget.kafkaSettings(NO_BROKER, settings);
        // The iMSG target gives both kinds of property to every client, so each config gets both.
        Map<String, Object> producer = RawTarget.producerConfig(NO_BROKER, settings);
        producer.putAll(settings.consumerProperties());
        Map<String, Object> consumer = RawTarget.consumerConfig(NO_BROKER, settings, "check");
        consumer.putAll(settings.producerProperties());
        try {
            new ProducerConfig(producer);
            new ConsumerConfig(consumer);
        } catch (ConfigException refused) {
            throw new IllegalArgumentException("--producer-property or --consumer-property: " + refused.getMessage(),
                    refused);
        }
    }
}
