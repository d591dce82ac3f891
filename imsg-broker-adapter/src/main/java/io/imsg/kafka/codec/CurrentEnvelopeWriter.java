package io.imsg.kafka.codec;

import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.schema.Envelope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes the body of a message's envelope with the current {@link Envelope} schema, field by field,
 * straight from the message; {@link AvroEnvelopeCodec} puts the single-object header in front of
 * it. Together they are the same bytes as Avro's {@code Envelope.getEncoder()}, without building
 * the {@link Envelope} first or going through Avro's generic writer, which resolved each union and
 * looked each field up by position. In a publishing profile that writer was a fifth of the sending
 * thread's time.
 *
 * <p>The counterpart of {@link CurrentEnvelopeReader}, and like it a measured exception to STYLE.md's
 * "wrap Avro's single-object encoding, don't reimplement it": it covers only iMSG's own envelope
 * schema. A change to Envelope.avsc must change this class too; {@code CurrentEnvelopeReaderTest}
 * pins the schema's fields and {@code CurrentEnvelopeWriterTest} compares the bytes with Avro's,
 * so both fail first.
 */
final class CurrentEnvelopeWriter {

    private final EncodingBuffer out;

    private CurrentEnvelopeWriter(EncodingBuffer out) {
        this.out = out;
    }

    /**
     * Appends the envelope body of {@code message} to {@code out}; {@code payload} is the message's
     * payload, already encoded.
     *
     * @throws IllegalArgumentException when the message has no source
     */
    static void write(Message<? extends SpecificRecord> message, PayloadWriters.Encoded payload, EncodingBuffer out) {
        Source source = EnvelopeMapping.sourceOf(message, payload.type());
        new CurrentEnvelopeWriter(out).envelope(message, source, payload);
    }

    private void envelope(Message<? extends SpecificRecord> message, Source source, PayloadWriters.Encoded payload) {
        string(message.id());
        string(payload.type());
        writeLong(payload.fingerprint());
        string(source.service());
        string(source.instance());
        optionalString(message.target().orElse(null));
        optionalString(message.key().orElse(null));
        optionalString(message.correlationId().orElse(null));
        optionalString(message.causationId().orElse(null));
        writeLong(message.createdAt().toEpochMilli());
        writeLong(message.priority().ordinal());
        attributes(message.attributes());
        bytes(payload.body());
    }

    /** One block with every pair, then the empty block that ends the map, as Avro's writer does. */
    private void attributes(Map<String, String> attributes) {
        if (!attributes.isEmpty()) {
            writeLong(attributes.size());
            for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                string(attribute.getKey());
                string(attribute.getValue());
            }
        }
        writeLong(0);
    }

    /** A {@code ["null", "string"]} union: index 0 is null. */
    private void optionalString(String value) {
        if (value == null) {
            writeLong(0);
        } else {
            writeLong(1);
            string(value);
        }
    }

    private void string(String value) {
        int length = value.length();
        if (isAscii(value, length)) { // ids, type names, services: one byte per char, no encoder needed
            writeLong(length);
            for (int i = 0; i < length; i++) {
                out.write(value.charAt(i));
            }
        } else {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeLong(utf8.length);
            out.write(utf8, 0, utf8.length);
        }
    }

    private static boolean isAscii(String value, int length) {
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void bytes(ByteBuffer body) {
        ByteBuffer view = body.duplicate();
        writeLong(view.remaining());
        if (view.hasArray()) {
            out.write(view.array(), view.arrayOffset() + view.position(), view.remaining());
        } else {
            byte[] copy = new byte[view.remaining()];
            view.get(copy);
            out.write(copy, 0, copy.length);
        }
    }

    /** A zig-zag varint: how Avro writes every int and long. */
    private void writeLong(long value) {
        long raw = (value << 1) ^ (value >> 63);
        while ((raw & ~0x7FL) != 0) {
            out.write((int) ((raw & 0x7f) | 0x80));
            raw >>>= 7;
        }
        out.write((int) raw);
    }
}
