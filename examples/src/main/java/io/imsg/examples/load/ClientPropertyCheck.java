package io.imsg.examples.load;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks {@code --producer-property} and {@code --consumer-property} before any broker starts, so a
 * property either client would refuse is a usage error rather than a failure minutes into a run:
 * iMSG's own rules first (every check {@code KafkaMessaging.Builder.build} makes), then Kafka's own
 * parsing of the raw clients' configurations, and of the iMSG target's, which passes both kinds of
 * property to every client.
 */
final class ClientPropertyCheck {

    /** Never contacted: the configurations are only parsed. */
    private static final String NO_BROKER = "127.0.0.1:9";

    private ClientPropertyCheck() {}

    /** @throws IllegalArgumentException naming the property and the rule it breaks */
    static void check(LoadSettings settings) {
        // Everything KafkaMessaging.build checks: owned properties, the subscriber's group and offset
        // reset, a delivery timeout the producer would refuse.
        ImsgTarget.messaging(NO_BROKER, "imsg-load-check", settings, new SimpleMeterRegistry(), (message, context) -> { })
                .check();
        Map<String, Object> rawProducer = RawTarget.producerConfig(NO_BROKER, settings);
        Map<String, Object> rawConsumer = RawTarget.consumerConfig(NO_BROKER, settings, "check");
        parse("--producer-property", () -> new ProducerConfig(rawProducer));
        parse("--consumer-property", () -> new ConsumerConfig(rawConsumer));
        // The iMSG target gives both kinds of property to every client, the consumer's last.
        Map<String, Object> both = new HashMap<>(settings.producerProperties());
        both.putAll(settings.consumerProperties());
        rawProducer.putAll(both);
        rawConsumer.putAll(both);
        parse("--producer-property or --consumer-property", () -> new ProducerConfig(rawProducer));
        parse("--producer-property or --consumer-property", () -> new ConsumerConfig(rawConsumer));
    }

    /** Kafka's own parsing of a client's configuration, as the client would do it. */
    private static void parse(String options, Runnable parsing) {
        try {
            parsing.run();
        } catch (ConfigException refused) {
            throw new IllegalArgumentException(options + ": " + refused.getMessage(), refused);
        }
    }
}
