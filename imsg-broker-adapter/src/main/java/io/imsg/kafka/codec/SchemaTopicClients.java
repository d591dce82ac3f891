package io.imsg.kafka.codec;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka client configurations for the schema topic: the caller's properties (bootstrap servers,
 * TLS, SASL) passed through, then the settings the schema topic depends on, which win.
 */
final class SchemaTopicClients {

    private SchemaTopicClients() {}

    /**
     * Reads by assignment from explicit positions, so no group, no commits, and no topic created by
     * merely asking for its metadata. Bytes, not strings, so sizes are checked before decoding.
     */
    static Map<String, Object> consumer(Map<String, Object> clientProperties) {
        Map<String, Object> config = withClientId(clientProperties, "schema-reader");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    static Map<String, Object> producer(Map<String, Object> clientProperties) {
        Map<String, Object> config = withClientId(clientProperties, "schema-publisher");
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    static Map<String, Object> admin(Map<String, Object> clientProperties) {
        return withClientId(clientProperties, "schema-admin");
    }

    private static Map<String, Object> withClientId(Map<String, Object> clientProperties, String role) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        Object clientId = config.get(CommonClientConfigs.CLIENT_ID_CONFIG);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId == null ? "imsg-" + role : clientId + "-" + role);
        return config;
    }
}
