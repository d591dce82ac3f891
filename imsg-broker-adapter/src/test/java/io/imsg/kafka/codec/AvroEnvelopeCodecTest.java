package io.imsg.kafka.codec;

import static io.imsg.kafka.codec.TestPayloads.ORIGIN;
import static io.imsg.kafka.codec.TestPayloads.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Message;
import io.imsg.api.failure.DecodingException;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Envelope;
import io.imsg.schema.Presence;
import io.imsg.schema.Priority;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class AvroEnvelopeCodecTest {

    private final SchemaRegistry registry = TestPayloads.registry();
    private final AvroEnvelopeCodec codec = TestPayloads.codec(registry);

    @Test
    void everyEnvelopeFieldSurvivesARoundTrip() {
        Message<OrderPlaced> sent = Message.builder(TestPayloads.order())
                .id("m-42").key("sku-1").source(SOURCE).target("inventory")
                .correlationId("c-1").causationId("m-41")
                .createdAt(Instant.ofEpochMilli(1_700_000_000_123L)).priority(Priority.HIGH)
                .attribute("tenant", "acme").attribute("trace", "t-1")
                .build();

        Message<SpecificRecord> received = codec.decode(codec.encode(sent), ORIGIN);

        assertThat(received.payload()).isInstanceOf(OrderPlaced.class).isEqualTo(sent.payload());
        assertThat(received.id()).isEqualTo("m-42");
        assertThat(received.type()).isEqualTo("io.imsg.examples.orders.OrderPlaced");
        assertThat(received.key()).contains("sku-1");
        assertThat(received.source()).contains(SOURCE);
        assertThat(received.target()).contains("inventory");
        assertThat(received.correlationId()).contains("c-1");
        assertThat(received.causationId()).contains("m-41");
        assertThat(received.createdAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(received.priority()).isEqualTo(Priority.HIGH);
        assertThat(received.attributes()).isEqualTo(Map.of("tenant", "acme", "trace", "t-1"));
    }

    @Test
    void optionalFieldsLeftOutStayEmpty() {
        Message<SpecificRecord> received = codec.decode(codec.encode(TestPayloads.message()), ORIGIN);

        assertThat(received.key()).isEmpty();
        assertThat(received.target()).isEmpty();
        assertThat(received.correlationId()).isEmpty();
        assertThat(received.causationId()).isEmpty();
        assertThat(received.attributes()).isEmpty();
        assertThat(received.priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void payloadsWithArraysEnumsAndTimestampsRoundTrip() {
        Message<Presence> sent = TestPayloads.presenceMessage();

        Message<SpecificRecord> received = codec.decode(codec.encode(sent), ORIGIN);

        assertThat(received.payload()).isEqualTo(sent.payload());
        assertThat(received.priority()).isEqualTo(Priority.LOW);
    }

    @Test
    void theValueIsAnEnvelopeInSingleObjectEncodingWithAPlainAvroPayload() throws Exception {
        byte[] value = codec.encode(TestPayloads.message());

        assertThat(value[0]).isEqualTo((byte) 0xC3);
        assertThat(value[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaRegistry.fingerprint(Envelope.getClassSchema()));
        Envelope envelope = Envelope.getDecoder().decode(value);
        assertThat(envelope.getType()).isEqualTo("io.imsg.examples.orders.OrderPlaced");
        assertThat(envelope.getPayloadFingerprint()).isEqualTo(SchemaRegistry.fingerprint(OrderPlaced.getClassSchema()));
        byte[] payload = new byte[envelope.getPayload().remaining()];
        envelope.getPayload().get(payload);
        assertThat(payload).isEqualTo(TestPayloads.orderBytes());
    }

    @Test
    void aPayloadWrittenWithAnOlderSchemaVersionReadsIntoTheCurrentClass() {
        byte[] value = orderWrittenWithVersion1();

        Message<SpecificRecord> received = codec.decode(value, ORIGIN);

        assertThat(received.payload()).isEqualTo(OrderPlaced.newBuilder()
                .setOrderId("o-7").setSku("sku-7").setQuantity(5).setExpress(false).build());
    }

    @Test
    void recordsAlternatingBetweenWriterSchemasAndTypesEachReadWithTheirOwn() {
        byte[] oldValue = orderWrittenWithVersion1();
        byte[] currentValue = codec.encode(TestPayloads.message());
        byte[] presenceValue = codec.encode(TestPayloads.presenceMessage());

        // The readers remember the last writer schema; switching must never reuse the wrong one.
        for (int i = 0; i < 3; i++) {
            assertThat(codec.decode(oldValue, ORIGIN).payload()).isEqualTo(OrderPlaced.newBuilder()
                    .setOrderId("o-7").setSku("sku-7").setQuantity(5).setExpress(false).build());
            assertThat(codec.decode(currentValue, ORIGIN).payload()).isEqualTo(TestPayloads.order());
            assertThat(codec.decode(presenceValue, ORIGIN).payload())
                    .isEqualTo(TestPayloads.presenceMessage().payload());
        }
    }

    /** Order o-7 in an envelope, its payload written with the first version of the schema (registered here). */
    private byte[] orderWrittenWithVersion1() {
        registry.add(TestPayloads.ORDER_PLACED_V1);
        GenericRecord old = new GenericData.Record(TestPayloads.ORDER_PLACED_V1);
        old.put("orderId", "o-7");
        old.put("sku", "sku-7");
        old.put("quantity", 5);
        return RawEnvelope.of("io.imsg.examples.orders.OrderPlaced",
                SchemaRegistry.fingerprint(TestPayloads.ORDER_PLACED_V1),
                TestPayloads.write(TestPayloads.ORDER_PLACED_V1, old)).toBytes();
    }

    @Test
    void encodingAMessageWithoutASourceNamesTheMissingSource() {
        Message<OrderPlaced> unsourced = Message.builder(TestPayloads.order()).id("m-9").build();

        assertThatThrownBy(() -> codec.encode(unsourced))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m-9")
                .hasMessageContaining("no source");
    }

    @Test
    void anUnregisteredTypeListsEveryTypeThatWasTried() {
        AvroEnvelopeCodec ordersOnly = AvroEnvelopeCodec.create(registry, List.of(OrderPlaced.class),
                DecodingLimits.ofDefaults());
        InventoryReserved reserved = InventoryReserved.newBuilder()
                .setOrderId("o-1").setSku("s").setQuantity(1).setRemaining(2).build();
        byte[] value = codec.encode(Message.builder(reserved).source(SOURCE).build());

        assertThatThrownBy(() -> ordersOnly.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("no payload class is registered for type 'io.imsg.examples.orders.InventoryReserved'")
                .hasMessageContaining("Tried:\n   * io.imsg.examples.orders.OrderPlaced")
                .hasMessageContaining(ORIGIN.toString());
    }

    @Test
    void anEnvelopeTypeThatDisagreesWithThePayloadSchemaIsRejected() {
        byte[] value = RawEnvelope.ofOrder()
                .with("type", out -> out.writeString("io.imsg.examples.orders.InventoryReserved"))
                .toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("does not match the payload schema");
    }

    @Test
    void aWriterSchemaTheReaderClassCannotReadIsExplained() {
        // Same name, but quantity became a string: not resolvable into the generated class.
        org.apache.avro.Schema incompatible = new org.apache.avro.Schema.Parser().parse("""
                {"type": "record", "name": "OrderPlaced", "namespace": "io.imsg.examples.orders", "fields": [
                  {"name": "orderId", "type": "string"}, {"name": "sku", "type": "string"},
                  {"name": "quantity", "type": "string"}]}""");
        registry.add(incompatible);
        byte[] value = RawEnvelope.of("io.imsg.examples.orders.OrderPlaced", SchemaRegistry.fingerprint(incompatible),
                RawEnvelope.bytes(out -> out.writeString("o"), out -> out.writeString("s"),
                        out -> out.writeString("3"))).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("cannot be read as io.imsg.examples.orders.OrderPlaced")
                .hasMessageContaining("/fields/2");
    }

    @Test
    void aReservedAttributeNameArrivingOnTheWireIsADecodingFailure() {
        byte[] value = RawEnvelope.ofOrder().with("attributes", out -> {
            out.writeLong(1);
            out.writeString("imsg-priority");
            out.writeString("HIGH");
            out.writeLong(0);
        }).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void theValueIsExactlyWhatAvrosSingleObjectEncoderWrites() throws Exception {
        byte[] value = codec.encode(Message.builder(TestPayloads.order()).source(SOURCE).key("sku-1")
                .attribute("tenant", "acme").build());

        ByteBuffer avros = Envelope.getEncoder().encode(Envelope.getDecoder().decode(value));

        assertThat(ByteBuffer.wrap(value)).isEqualTo(avros);
    }

    @Test
    void aValueIsItsOwnCopyThatTheNextEncodeLeavesAlone() {
        Message<OrderPlaced> first = Message.builder(TestPayloads.order()).source(SOURCE).build();
        OrderPlaced other = OrderPlaced.newBuilder(TestPayloads.order()).setSku("sku-2").setQuantity(7).build();
        byte[] value = codec.encode(first);

        codec.encode(Message.builder(other).source(SOURCE).build());

        assertThat(codec.decode(value, ORIGIN).payload()).isEqualTo(first.payload());
        assertThat(codec.decode(value, ORIGIN).id()).isEqualTo(first.id());
    }

    @Test
    void aPayloadLargerThanTheRetainedBufferIsFollowedByCorrectSmallOnes() {
        OrderPlaced large = OrderPlaced.newBuilder(TestPayloads.order())
                .setSku("s".repeat(EncodingBuffer.RETAINED_BYTES + 1)).build();
        Message<OrderPlaced> small = TestPayloads.message();

        Message<SpecificRecord> receivedLarge = codec.decode(codec.encode(Message.builder(large).source(SOURCE)
                .build()), ORIGIN);
        Message<SpecificRecord> receivedSmall = codec.decode(codec.encode(small), ORIGIN);

        assertThat(receivedLarge.payload()).isEqualTo(large);
        assertThat(receivedSmall.payload()).isEqualTo(small.payload());
    }

    @Test
    void aFailedEncodeDoesNotLeakBytesIntoTheNextOne() {
        OrderPlaced broken = new OrderPlaced();
        broken.put("orderId", "o-1"); // sku stays null: the writer fails half way through
        Message<OrderPlaced> bad = Message.builder(broken).source(SOURCE).build();
        assertThatThrownBy(() -> codec.encode(bad)).isInstanceOf(RuntimeException.class);

        Message<SpecificRecord> received = codec.decode(codec.encode(TestPayloads.message()), ORIGIN);

        assertThat(received.payload()).isEqualTo(TestPayloads.order());
    }

    @Test
    void twoPayloadTypesClaimingOneTypeNameAreRejectedNamingBoth() {
        assertThatThrownBy(() -> AvroEnvelopeCodec.create(TestPayloads.registry(),
                List.of(OrderPlaced.class, RenamedOrder.class), DecodingLimits.ofDefaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payload types io.imsg.examples.orders.OrderPlaced and " + RenamedOrder.class.getName()
                        + " both claim the type name io.imsg.examples.orders.OrderPlaced");
    }

    @Test
    void theCodecRegistersItsPayloadTypesInTheRegistry() {
        assertThat(registry.contains(SchemaRegistry.fingerprint(OrderPlaced.getClassSchema()))).isTrue();
        assertThat(registry.contains(SchemaRegistry.fingerprint(Envelope.getClassSchema()))).isTrue();
    }

    @Test
    void theCatchUpIsAskedOnceForAnUnknownPayloadFingerprintAndItsFindingIsUsed() {
        int[] calls = {0};
        AvroEnvelopeCodec catching = AvroEnvelopeCodec.builder(registry)
                .payloadTypes(TestPayloads.PAYLOAD_TYPES)
                .catchUp(fingerprint -> {
                    calls[0]++;
                    registry.add(TestPayloads.ORDER_PLACED_V1);
                })
                .build();
        GenericRecord old = new GenericData.Record(TestPayloads.ORDER_PLACED_V1);
        old.put("orderId", "o-7");
        old.put("sku", "sku-7");
        old.put("quantity", 5);
        byte[] value = RawEnvelope.of("io.imsg.examples.orders.OrderPlaced",
                SchemaRegistry.fingerprint(TestPayloads.ORDER_PLACED_V1),
                TestPayloads.write(TestPayloads.ORDER_PLACED_V1, old)).toBytes();

        assertThat(catching.decode(value, ORIGIN).payload()).isInstanceOf(OrderPlaced.class);
        catching.decode(value, ORIGIN);
        assertThat(calls[0]).isEqualTo(1);
    }

    /** Shaped like a generated class whose record was renamed from OrderPlaced, which it keeps as an alias. */
    public static final class RenamedOrder extends SpecificRecordBase {
        public static final Schema SCHEMA$ = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"RenamedOrder\",\"namespace\":\"com.example\","
                        + "\"aliases\":[\"io.imsg.examples.orders.OrderPlaced\"],"
                        + "\"fields\":[{\"name\":\"orderId\",\"type\":\"string\"}]}");

        @Override
        public Schema getSchema() {
            return SCHEMA$;
        }

        @Override
        public Object get(int field) {
            throw new IndexOutOfBoundsException(field);
        }

        @Override
        public void put(int field, Object value) {
            throw new IndexOutOfBoundsException(field);
        }
    }
}
