package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.examples.orders.OrderPlaced;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The schema topic is hostile input: nothing in it may crash the reader or poison the registry. */
class SchemaTopicRecordsTest {

    private final SchemaRegistry registry = SchemaRegistry.create();
    private final SchemaTopicRecords records =
            new SchemaTopicRecords(registry, SchemaTopicSettings.ofDefaults().withMaxSchemaBytes(4096).withMaxSchemas(3));
    private long offset;

    @Test
    void aSchemaUnderItsFingerprintIsAdded() {
        assertThat(records.accept(recordOf(OrderPlaced.getClassSchema()))).isTrue();

        long fingerprint = SchemaRegistry.fingerprint(OrderPlaced.getClassSchema());
        assertThat(registry.findByFingerprint(fingerprint)).isEqualTo(OrderPlaced.getClassSchema());
        assertThat(records.isInTopic(fingerprint)).isTrue();
    }

    @Test
    void aSchemaUnderAnotherFingerprintIsSkipped() {
        String json = OrderPlaced.getClassSchema().toString();
        String wrongKey = Text.hex(SchemaRegistry.fingerprint(TestPayloads.ORDER_PLACED_V1));

        assertThat(records.accept(record(wrongKey, json))).isFalse();
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void schemasNamingAJavaClassAreSkippedWhereverTheyNameIt() {
        String onString = "{\"type\":\"record\",\"name\":\"Evil\",\"fields\":[{\"name\":\"f\","
                + "\"type\":{\"type\":\"string\",\"java-class\":\"javax.swing.JEditorPane\"}}]}";
        String onMapKey = "{\"type\":\"record\",\"name\":\"Evil2\",\"fields\":[{\"name\":\"m\","
                + "\"type\":{\"type\":\"map\",\"values\":\"int\",\"java-key-class\":\"java.net.URL\"}}]}";
        String onField = "{\"type\":\"record\",\"name\":\"Evil3\",\"fields\":[{\"name\":\"f\",\"type\":\"string\","
                + "\"java-class\":\"java.io.File\"}]}";

        for (String json : new String[] {onString, onMapKey, onField}) {
            org.apache.avro.Schema schema = new org.apache.avro.Schema.Parser().parse(json);
            assertThat(JavaClassProperties.find(schema)).isPresent();
            assertThat(records.accept(record(Text.hex(SchemaRegistry.fingerprint(schema)), json))).isFalse();
        }
        assertThat(JavaClassProperties.find(OrderPlaced.getClassSchema())).isEmpty();
    }

    @Test
    void unparsableJsonIsSkipped() {
        assertThat(records.accept(record("0000000000000001", "{\"type\": \"record\", \"name\": "))).isFalse();
        assertThat(records.accept(record("0000000000000001", "{\"type\": \"nonsense\"}"))).isFalse();
        assertThat(records.accept(record("0000000000000001", "\u0000\u00ff garbage"))).isFalse();
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void absurdlyNestedJsonIsSkippedWithoutCrashing() {
        String nested = "{\"type\": \"array\", \"items\": ".repeat(100) + "\"int\"" + "}".repeat(100);
        SchemaTopicRecords roomy = new SchemaTopicRecords(registry, SchemaTopicSettings.ofDefaults());
        String deeper = "[".repeat(200_000);

        assertThat(roomy.accept(record("0000000000000001", nested))).isFalse(); // valid, but the key is wrong
        assertThat(roomy.accept(record("0000000000000001", deeper))).isFalse();
    }

    @Test
    void aValueOverMaxSchemaBytesIsSkippedUnparsed() {
        assertThat(records.accept(record("0000000000000001", " ".repeat(4097)))).isFalse();
    }

    @Test
    void tombstonesAndMissingKeysAreSkipped() {
        assertThat(records.accept(new ConsumerRecord<>("_imsg.schemas", 0, offset++, "k".getBytes(), null))).isFalse();
        assertThat(records.accept(new ConsumerRecord<>("_imsg.schemas", 0, offset++, null,
                OrderPlaced.getClassSchema().toString().getBytes(StandardCharsets.UTF_8)))).isFalse();
    }

    @Test
    void schemasPastMaxSchemasAreSkippedButKnownOnesStillCount() {
        Schema[] schemas = new Schema[4];
        for (int i = 0; i < schemas.length; i++) {
            schemas[i] = new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R" + i + "\", \"fields\": []}");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(records.accept(recordOf(schemas[i]))).isTrue();
        }

        assertThat(records.accept(recordOf(schemas[3]))).isFalse();
        assertThat(records.accept(recordOf(schemas[0]))).isFalse(); // known already: not new, not refused
        assertThat(records.isInTopic(SchemaRegistry.fingerprint(schemas[0]))).isTrue();
    }

    private ConsumerRecord<byte[], byte[]> recordOf(Schema schema) {
        return record(Text.hex(SchemaRegistry.fingerprint(schema)), schema.toString());
    }

    private ConsumerRecord<byte[], byte[]> record(String key, String value) {
        return new ConsumerRecord<>("_imsg.schemas", 0, offset++, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
