package io.imsg.kafka.codec;

import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Envelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes envelope bytes field by field, so a test can replace any field with hand-made (hostile)
 * bytes while every other field stays valid.
 */
final class RawEnvelope {

    /** Writes one field's bytes. */
    @FunctionalInterface
    interface Part {
        void write(BinaryEncoder out) throws IOException;
    }

    static final long ENVELOPE_FINGERPRINT = SchemaRegistry.fingerprint(Envelope.getClassSchema());

    private final Map<String, Part> fields = new LinkedHashMap<>();
    private long envelopeFingerprint = ENVELOPE_FINGERPRINT;

    private RawEnvelope(byte[] payload) {
        fields.put("id", out -> out.writeString("m-1"));
        fields.put("type", out -> out.writeString(OrderPlaced.getClassSchema().getFullName()));
        fields.put("payloadFingerprint", out -> out.writeLong(SchemaRegistry.fingerprint(OrderPlaced.getClassSchema())));
        fields.put("sourceService", out -> out.writeString("orders"));
        fields.put("sourceInstance", out -> out.writeString("orders-1"));
        fields.put("target", out -> out.writeIndex(0));
        fields.put("key", out -> out.writeIndex(0));
        fields.put("correlationId", out -> out.writeIndex(0));
        fields.put("causationId", out -> out.writeIndex(0));
        fields.put("createdAt", out -> out.writeLong(1_700_000_000_000L));
        fields.put("priority", out -> out.writeEnum(1));
        fields.put("attributes", out -> out.writeLong(0));
        fields.put("payload", out -> out.writeBytes(payload));
    }

    /** A valid envelope around a valid {@code OrderPlaced} payload. */
    static RawEnvelope ofOrder() {
        return new RawEnvelope(TestPayloads.orderBytes());
    }

    static RawEnvelope of(String type, long payloadFingerprint, byte[] payload) {
        return new RawEnvelope(payload)
                .with("type", out -> out.writeString(type))
                .with("payloadFingerprint", out -> out.writeLong(payloadFingerprint));
    }

    RawEnvelope with(String field, Part part) {
        if (!fields.containsKey(field)) {
            throw new IllegalArgumentException("no envelope field " + field);
        }
        fields.put(field, part);
        return this;
    }

    RawEnvelope envelopeFingerprint(long fingerprint) {
        this.envelopeFingerprint = fingerprint;
        return this;
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0xC3);
        bytes.write(0x01);
        for (int i = 0; i < 8; i++) {
            bytes.write((int) (envelopeFingerprint >>> (8 * i)) & 0xff);
        }
        bytes.writeBytes(body(fields));
        return bytes.toByteArray();
    }

    /** Plain Avro bytes written by a sequence of parts. */
    static byte[] body(Map<String, Part> parts) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
            for (Part part : parts.values()) {
                part.write(out);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Part... parts) {
        Map<String, Part> ordered = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            ordered.put(Integer.toString(i), parts[i]);
        }
        return body(ordered);
    }
}
