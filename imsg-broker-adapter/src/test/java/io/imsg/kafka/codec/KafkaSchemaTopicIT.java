package io.imsg.kafka.codec;

import static io.imsg.kafka.codec.TestPayloads.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imsg.api.failure.UnknownSchemaException;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@ImsgKafkaTest
class KafkaSchemaTopicIT {

    /** OrderPlaced with a new field and no default: not BACKWARD compatible with what is published. */
    private static final Schema WITH_REQUIRED_FIELD = new Schema.Parser().parse("""
            {"type": "record", "name": "OrderPlaced", "namespace": "io.imsg.examples.orders", "fields": [
              {"name": "orderId", "type": "string"}, {"name": "sku", "type": "string"},
              {"name": "quantity", "type": "int"}, {"name": "express", "type": "boolean", "default": false},
              {"name": "warehouse", "type": "string"}]}""");

    @Test
    void publishedSchemasLandInACompactedTopicAndAnotherServiceLoadsThem(KafkaBroker broker) throws Exception {
        SchemaTopicSettings settings = settings();
        try (KafkaSchemaTopic orders = topic(broker, SchemaRegistry.create(), settings)) {
            List<Schema> sent = orders.publishTypes(List.of(OrderPlaced.class, InventoryReserved.class));
            List<Schema> again = orders.publishTypes(List.of(OrderPlaced.class));

            assertThat(sent).containsExactly(OrderPlaced.getClassSchema(), InventoryReserved.getClassSchema());
            assertThat(again).as("already in the topic").isEmpty();
        }
        SchemaRegistry inventory = SchemaRegistry.create();
        try (KafkaSchemaTopic schemas = topic(broker, inventory, settings)) {
            assertThat(schemas.load()).isEqualTo(2);
        }
        assertThat(inventory.contains(SchemaRegistry.fingerprint(OrderPlaced.getClassSchema()))).isTrue();
        assertThat(inventory.contains(SchemaRegistry.fingerprint(InventoryReserved.getClassSchema()))).isTrue();
        assertThat(cleanupPolicy(broker, settings.topic())).isEqualTo("compact");
    }

    @Test
    void aCompatibleNewVersionIsPublishedAndAnIncompatibleOneIsRejectedWithItsReasons(KafkaBroker broker) {
        SchemaTopicSettings settings = settings();
        try (KafkaSchemaTopic schemas = topic(broker, SchemaRegistry.create(), settings)) {
            schemas.publish(List.of(TestPayloads.ORDER_PLACED_V1));

            assertThat(schemas.publishTypes(List.of(OrderPlaced.class))).hasSize(1);
            assertThatThrownBy(() -> schemas.publish(List.of(WITH_REQUIRED_FIELD)))
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("is not BACKWARD compatible")
                    .hasMessageContaining("READER_FIELD_MISSING_DEFAULT")
                    .satisfies(e -> assertThat(((IncompatibleSchemaException) e).incompatibilities()).hasSize(2));
        }
        SchemaRegistry reader = SchemaRegistry.create();
        try (KafkaSchemaTopic schemas = topic(broker, reader, settings)) {
            schemas.load();
        }
        assertThat(reader.contains(SchemaRegistry.fingerprint(WITH_REQUIRED_FIELD))).as("nothing was sent").isFalse();
    }

    @Test
    void anUnknownFingerprintIsCaughtUpOnceAndFurtherCatchUpsAreRateLimited(KafkaBroker broker) {
        SchemaTopicSettings settings = settings().withMinCatchUpInterval(Duration.ofHours(1));
        SchemaRegistry registry = SchemaRegistry.create();
        try (KafkaSchemaTopic consumerSide = topic(broker, registry, settings);
                KafkaSchemaTopic producerSide = topic(broker, SchemaRegistry.create(), settings)) {
            consumerSide.ensureTopic();
            consumerSide.load();
            AvroEnvelopeCodec codec = AvroEnvelopeCodec.builder(registry)
                    .payloadTypes(TestPayloads.PAYLOAD_TYPES).catchUp(consumerSide).build();
            producerSide.publish(List.of(TestPayloads.ORDER_PLACED_V1));

            assertThat(codec.decode(oldOrder(TestPayloads.ORDER_PLACED_V1), ORIGIN).payload())
                    .isInstanceOf(OrderPlaced.class);

            producerSide.publish(List.of(TestPayloads.ORDER_PLACED_WITH_NULLS));
            assertThatThrownBy(() -> codec.decode(oldOrder(TestPayloads.ORDER_PLACED_WITH_NULLS), ORIGIN))
                    .as("the second catch-up within the interval is refused")
                    .isInstanceOf(UnknownSchemaException.class);
        }
    }

    @Test
    void hostileRecordsInTheTopicAreSkippedAndLoadingGoesOn(KafkaBroker broker) throws Exception {
        SchemaTopicSettings settings = settings();
        SchemaRegistry registry = SchemaRegistry.create();
        try (KafkaSchemaTopic schemas = topic(broker, registry, settings)) {
            schemas.ensureTopic();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(broker.adminProperties(),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(settings.topic(), "not-a-fingerprint", "{\"type\": ")).get();
                producer.send(new ProducerRecord<>(settings.topic(), "0000000000000001",
                        OrderPlaced.getClassSchema().toString())).get();
                producer.send(new ProducerRecord<>(settings.topic(), "0000000000000002", "x".repeat(300_000))).get();
                producer.send(new ProducerRecord<>(settings.topic(), "0000000000000003", null)).get();
                Schema good = InventoryReserved.getClassSchema();
                producer.send(new ProducerRecord<>(settings.topic(), Text.hex(SchemaRegistry.fingerprint(good)),
                        good.toString())).get();
            }

            assertThat(schemas.load()).isEqualTo(1);
        }
        assertThat(registry.contains(SchemaRegistry.fingerprint(InventoryReserved.getClassSchema()))).isTrue();
        assertThat(registry.contains(SchemaRegistry.fingerprint(OrderPlaced.getClassSchema()))).isFalse();
    }

    @Test
    void theBackgroundRefreshPicksUpSchemasPublishedLater(KafkaBroker broker) {
        SchemaTopicSettings settings = settings().withRefreshInterval(Duration.ofMillis(200));
        SchemaRegistry registry = SchemaRegistry.create();
        try (KafkaSchemaTopic reader = topic(broker, registry, settings);
                KafkaSchemaTopic writer = topic(broker, SchemaRegistry.create(), settings)) {
            reader.ensureTopic();
            reader.startRefreshing();

            writer.publishTypes(List.of(InventoryReserved.class));

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    registry.contains(SchemaRegistry.fingerprint(InventoryReserved.getClassSchema())));
        }
    }

    private static SchemaTopicSettings settings() {
        return SchemaTopicSettings.ofDefaults().withTopic(TestNames.unique("schemas"))
                .withReadTimeout(Duration.ofSeconds(30));
    }

    private static KafkaSchemaTopic topic(KafkaBroker broker, SchemaRegistry registry, SchemaTopicSettings settings) {
        return KafkaSchemaTopic.create(broker.adminProperties(), registry, settings);
    }

    /** A value whose OrderPlaced payload was written with {@code writer}, which has no other fields. */
    private static byte[] oldOrder(Schema writer) {
        GenericRecord order = new GenericData.Record(writer);
        order.put("orderId", "o-1");
        order.put("sku", "s-1");
        order.put("quantity", 1);
        if (writer.getField("express") != null) {
            order.put("express", false);
            order.put("nothing", List.of());
        }
        return RawEnvelope.of("io.imsg.examples.orders.OrderPlaced", SchemaRegistry.fingerprint(writer),
                TestPayloads.write(writer, order)).toBytes();
    }

    private static String cleanupPolicy(KafkaBroker broker, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(broker.adminProperties())) {
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            return config.get("cleanup.policy").value();
        }
    }
}
