package io.imsg.kafka.codec;

import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.Source;
import io.imsg.examples.orders.InventoryRejected;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Presence;
import io.imsg.schema.Priority;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;

/** Shared payloads, messages and schemas of the codec tests. */
final class TestPayloads {

    static final RecordOrigin ORIGIN = new RecordOrigin("orders", 3, 42L, Instant.EPOCH);
    static final Source SOURCE = new Source("orders", "orders-1");
    static final List<Class<? extends SpecificRecord>> PAYLOAD_TYPES =
            List.of(OrderPlaced.class, InventoryReserved.class, InventoryRejected.class, Presence.class);

    /** {@code OrderPlaced} as it was before the {@code express} field was added. */
    static final Schema ORDER_PLACED_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "OrderPlaced", "namespace": "io.imsg.examples.orders", "fields": [
              {"name": "orderId", "type": "string"},
              {"name": "sku", "type": "string"},
              {"name": "quantity", "type": "int"}
            ]}""");

    /** {@code OrderPlaced} written by a producer with an extra array of nulls the reader ignores. */
    static final Schema ORDER_PLACED_WITH_NULLS = new Schema.Parser().parse("""
            {"type": "record", "name": "OrderPlaced", "namespace": "io.imsg.examples.orders", "fields": [
              {"name": "orderId", "type": "string"},
              {"name": "sku", "type": "string"},
              {"name": "quantity", "type": "int"},
              {"name": "express", "type": "boolean", "default": false},
              {"name": "nothing", "type": {"type": "array", "items": "null"}, "default": []}
            ]}""");

    private TestPayloads() {}

    static OrderPlaced order() {
        return OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku-1").setQuantity(3).setExpress(true).build();
    }

    static byte[] orderBytes() {
        return write(OrderPlaced.getClassSchema(), order());
    }

    static Message<OrderPlaced> message() {
        return Message.builder(order()).id("m-1").source(SOURCE).build();
    }

    static SchemaRegistry registry() {
        return SchemaRegistry.create();
    }

    static AvroEnvelopeCodec codec(SchemaRegistry registry) {
        return AvroEnvelopeCodec.create(registry, PAYLOAD_TYPES, DecodingLimits.ofDefaults());
    }

    static AvroEnvelopeCodec codec() {
        return codec(registry());
    }

    /** Plain Avro binary of a generic or specific datum. */
    static byte[] write(Schema schema, Object datum) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<>(schema, org.apache.avro.specific.SpecificData.get()).write(datum, out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Message<Presence> presenceMessage() {
        Presence presence = Presence.newBuilder().setService("inventory").setInstance("inventory-2")
                .setStatus(io.imsg.schema.PresenceStatus.ONLINE).setHandledTypes(List.of("a", "b"))
                .setLastSeen(Instant.ofEpochMilli(1_700_000_000_000L)).setImsgVersion("0.1.0").build();
        return Message.builder(presence).source(SOURCE).priority(Priority.LOW).build();
    }
}
