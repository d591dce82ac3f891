package io.imsg.kafka.it;

import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.Publisher;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.testkit.KafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** A publisher and a subscriber wired on the test broker, the way an application wires them. */
public final class Fixture implements AutoCloseable {

    private final KafkaBroker broker;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final KafkaMessaging messaging;
    private final String group;

    private Fixture(KafkaBroker broker, Router router, SubscriberSettings settings, UnaryOperator<KafkaSettings.Builder> kafka) {
        this.broker = broker;
        this.group = settings.groupId();
        KafkaSettings kafkaSettings = kafka.apply(KafkaSettings.builder()
                .bootstrapServers(broker.bootstrapServers()).service("it-service")).build();
        this.messaging = KafkaMessaging.builder(kafkaSettings).routes(router, settings)
                .publishes(InventoryReserved.class).meterRegistry(registry).build();
        messaging.start();
    }

    public static Fixture start(KafkaBroker broker, Router router, SubscriberSettings settings) {
        return new Fixture(broker, router, settings, UnaryOperator.identity());
    }

    public static Fixture start(KafkaBroker broker, Router router, SubscriberSettings settings,
            UnaryOperator<KafkaSettings.Builder> kafka) {
        return new Fixture(broker, router, settings, kafka);
    }

    static EnvelopeCodec codec(Router router) {
        SchemaRegistry schemas = SchemaRegistry.create().registerAll(router.payloadTypes());
        return AvroEnvelopeCodec.create(schemas, router.payloadTypes(), DecodingLimits.ofDefaults());
    }

    public Publisher publisher() {
        return messaging.publisher();
    }

    KafkaMessaging messaging() {
        return messaging;
    }

    String groupOf() {
        return group;
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Records of {@code topic} not yet committed by {@code group}. */
    long lag(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var entry : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(entry.getKey());
                lag += entry.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }

    /**
     * Reads {@code expected} records of {@code topic} from the start (60 s at most), then polls once
     * more, so a duplicate beyond {@code expected} shows up in the result.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaBroker broker, String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer(broker)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        return readAll(broker, topic, expected);
    }

    /** A plain consumer reading a topic from the start, for checking what iMSG wrote. */
    KafkaConsumer<byte[], byte[]> rawConsumer() {
        return rawConsumer(broker);
    }

    static KafkaConsumer<byte[], byte[]> rawConsumer(KafkaBroker broker) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("group.id", "raw-" + System.nanoTime());
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        messaging.close();
    }
}
