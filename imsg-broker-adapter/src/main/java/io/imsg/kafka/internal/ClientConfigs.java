package io.imsg.kafka.internal;

import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.kafka.security.JvmHardening;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Builds Kafka client configurations: iMSG's defaults first, the user's pass-through last. */
public final class ClientConfigs {

    /** Room for the record batch and record overhead on top of the message bytes iMSG counts. */
    private static final int REQUEST_OVERHEAD_BYTES = 64 * 1024;
    /**
     * The request size of the producer for copies of consumed records: its default
     * {@code buffer.memory}, the largest record it can hold anyway. A dead letter or retry record
     * copies a record its topic may have allowed to be larger than anything this service sends;
     * the ordinary producer would refuse it on every try and stall its partition for good.
     */
    private static final int COPIED_RECORD_REQUEST_BYTES = 32 * 1024 * 1024;
    /** Kafka's default {@code request.timeout.ms}. */
    private static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

    private static final int LANE_FETCH_MAX_BYTES = 1024 * 1024;
    private static final int LANE_PARTITION_FETCH_MAX_BYTES = 256 * 1024;

    private ClientConfigs() {}

    /**
     * Bootstrap servers, client id and the typed transport security. Most callers want
     * {@link #withPassThrough}, which adds the user's raw properties. Applies {@link JvmHardening}
     * first, so no client is created before config providers are disabled.
     */
    public static Map<String, Object> common(KafkaSettings kafka, String clientIdSuffix) {
        JvmHardening.apply();
        Map<String, Object> config = new HashMap<>();
        kafka.transportSecurity().ifPresent(security -> config.putAll(security.clientProperties()));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG,
                kafka.identity().service() + "-" + kafka.identity().instance() + "-" + clientIdSuffix);
        return config;
    }

    /** @throws IllegalArgumentException see {@link #checkProducer} */
    public static Map<String, Object> producer(KafkaSettings kafka, PublisherSettings settings) {
        checkProducer(kafka, settings);
        Map<String, Object> config = common(kafka, "producer");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) settings.linger().toMillis());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, settings.batchBytes());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.deliveryTimeout().toMillis());
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.maxMessageBytes() + REQUEST_OVERHEAD_BYTES);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putAll(kafka.clientProperties());
        return config;
    }

    /**
     * The producer for copies of consumed records larger than this service's own messages (see
     * {@code RecordSender#sendCopy}): the ordinary producer's settings with a request size that fits
     * any record a broker can hold in a producer's default memory.
     */
    public static Map<String, Object> copyingProducer(KafkaSettings kafka, PublisherSettings settings) {
        Map<String, Object> config = producer(kafka, settings);
        // At least this; a larger one the user passed through (with a larger buffer.memory) stays.
        config.merge(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, COPIED_RECORD_REQUEST_BYTES,
                (passed, floor) -> Math.max(Integer.parseInt(passed.toString().trim()), (Integer) floor));
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.get(CommonClientConfigs.CLIENT_ID_CONFIG) + "-copies");
        return config;
    }

    /**
     * The subscriber's consumer. Its pass-through was checked when the subscriber was built
     * ({@link #checkConsumerPassThrough}).
     */
    public static Map<String, Object> consumer(KafkaSettings kafka, SubscriberSettings settings) {
        Map<String, Object> config = common(kafka, "consumer");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // iMSG commits what was handled
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a new group misses nothing
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        // Kafka's 64 KiB default showed 200-250 ms stalls on loopback; let the OS size the buffer.
        config.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
        if (settings.priorityLanes()) {
            // The consumer hands out fetched data in arrival order, so a priority-lane record waits
            // behind whatever normal data was fetched before it. Smaller fetches bound that wait.
            config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, LANE_FETCH_MAX_BYTES);
            config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, LANE_PARTITION_FETCH_MAX_BYTES);
        }
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putAll(kafka.clientProperties());
        if (settings.orderedRetryTopics()) {
            // Ordered retry topics need a key's source and retry partitions on one member: the range
            // assignor gives partition i of equally partitioned topics to the same member.
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
            config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, GroupProtocol.CLASSIC.name().toLowerCase(java.util.Locale.ROOT));
        }
        return config;
    }

    /**
     * Kafka refuses a {@code delivery.timeout.ms} below {@code linger.ms + request.timeout.ms} with a
     * message that names neither iMSG setting; this says which to change, before any client exists.
     */
    public static void checkProducer(KafkaSettings kafka, PublisherSettings settings) {
        Map<String, String> passThrough = kafka.clientProperties();
        if (passThrough.containsKey(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)
                || passThrough.containsKey(ProducerConfig.LINGER_MS_CONFIG)) {
            return; // raw values the user set; Kafka's own check names them
        }
        String configured = passThrough.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        long requestTimeout;
        try {
            requestTimeout = configured == null ? DEFAULT_REQUEST_TIMEOUT_MS : Long.parseLong(configured.trim());
        } catch (NumberFormatException notANumber) {
            return; // Kafka's own parser reports it, naming the property
        }
        long needed = settings.linger().toMillis() + requestTimeout;
        if (settings.deliveryTimeout().toMillis() < needed) {
            throw new IllegalArgumentException("PublisherSettings.deliveryTimeout (" + settings.deliveryTimeout()
                    .toMillis() + " ms) must be at least linger (" + settings.linger().toMillis() + " ms) plus the"
                    + " producer's request.timeout.ms (" + requestTimeout + " ms" + (configured == null
                    ? ", Kafka's default" : "") + ") = " + needed + " ms; raise deliveryTimeout, or lower"
                    + " request.timeout.ms with KafkaSettings.clientProperty");
        }
    }

    /**
     * The pass-through goes to every client, so it cannot simply refuse these two (a tool's scan
     * consumer ignores them); a subscriber must not take them. A {@code group.id} would silently
     * replace the group that dead letters and meters name, and an {@code auto.offset.reset} other
     * than {@code earliest} would make a new group skip what is already on its topics.
     */
    public static void checkConsumerPassThrough(Map<String, String> passThrough, SubscriberSettings settings) {
        String group = passThrough.get(ConsumerConfig.GROUP_ID_CONFIG);
        if (group != null && !group.equals(settings.groupId())) {
            throw new IllegalArgumentException("client property 'group.id' (" + group + ") differs from the"
                    + " subscriber's group '" + settings.groupId()
                    + "'; set the group with SubscriberSettings.builder");
        }
        String reset = passThrough.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
        if (reset != null && !reset.trim().equalsIgnoreCase("earliest")) {
            throw new IllegalArgumentException("client property 'auto.offset.reset' must be 'earliest' for a"
                    + " subscriber, was '" + reset + "': any other value makes a new group skip the records already"
                    + " on its topics, or fail without a committed offset");
        }
    }

    /** A consumer without a group that reads raw bytes, for scans that must not touch a group's positions. */
    public static Map<String, Object> scanConsumer(KafkaSettings kafka) {
        Map<String, Object> config = withPassThrough(kafka, "scan");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    public static Map<String, Object> admin(KafkaSettings kafka) {
        return withPassThrough(kafka, "admin");
    }

    /** {@link #common} plus the user's pass-through properties, for clients iMSG configures further itself. */
    public static Map<String, Object> withPassThrough(KafkaSettings kafka, String clientIdSuffix) {
        Map<String, Object> config = common(kafka, clientIdSuffix);
        config.putAll(kafka.clientProperties());
        return config;
    }
}
