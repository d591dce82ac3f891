package io.imsg.kafka.redrive;

import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.internal.ClientConfigs;
import io.imsg.kafka.publish.PublisherSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka client configurations for reading dead letters and redriving them. TLS, SASL and every
 * other pass-through in {@link KafkaSettings} reach each client; the few settings a redrive depends
 * on are put last, so they win.
 */
final class RedriveClients {

    private RedriveClients() {}

    /**
     * Reads by assignment from explicit positions: no group, no commits (reading dead letters must
     * not move anyone's offsets), and no topic created by merely asking for its metadata.
     */
    static Map<String, Object> reader(KafkaSettings kafka, Duration timeout) {
        Map<String, Object> config = ClientConfigs.withPassThrough(kafka, "dlt-reader");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /**
     * iMSG's publisher configuration: idempotent, {@code acks=all}. A republished record must be as
     * durable as the original publish before its ledger entry says it was moved.
     */
    static Map<String, Object> producer(KafkaSettings kafka) {
        Map<String, Object> config = ClientConfigs.copyingProducer(kafka, PublisherSettings.ofDefaults()); // republishes copies
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.get(CommonClientConfigs.CLIENT_ID_CONFIG) + "-redrive");
        return config;
    }

    static Map<String, Object> admin(KafkaSettings kafka, Duration timeout) {
        Map<String, Object> config = ClientConfigs.admin(kafka);
        config.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return config;
    }
}
