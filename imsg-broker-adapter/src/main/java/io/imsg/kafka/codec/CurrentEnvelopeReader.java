package io.imsg.kafka.codec;

import io.imsg.schema.Envelope;
import io.imsg.schema.Priority;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an envelope body written with the current {@link Envelope} schema, field by field, straight
 * from the record's array. Almost every record a service reads is written with the schema it was
 * built with; for those, this replaces Avro's generic resolving read, which showed up as the largest
 * share of the consumer's per-record cost, and the copy of the payload bytes into a fresh buffer:
 * the payload stays a view of the record's array.
 *
 * <p>Only for a body that {@link AvroBoundsScanner} already passed against that exact schema: the
 * scan proved every length, union index, enum ordinal and block count in range and that the body
 * ends where the last field does, so nothing here checks them again. Any other writer schema goes
 * through Avro ({@link EnvelopeReaders}). A change to Envelope.avsc must change this class too;
 * {@code CurrentEnvelopeReaderTest} compares it with Avro's reader and fails first.
 */
final class CurrentEnvelopeReader {

    /** The fingerprint of the schema this class reads: the Envelope class's own. */
    static final long FINGERPRINT = SchemaRegistry.fingerprint(Envelope.getClassSchema());
    private static final Priority[] PRIORITIES = Priority.values();

    private final byte[] data;
    private int pos;

    private CurrentEnvelopeReader(byte[] data, int offset) {
        this.data = data;
        this.pos = offset;
    }

    /** Reads the scanned body at {@code data[offset..]}; the payload is a view of {@code data}. */
    static Envelope read(byte[] data, int offset) {
        return new CurrentEnvelopeReader(data, offset).envelope();
    }

    private Envelope envelope() {
        String id = string();
        String type = string();
        long payloadFingerprint = readLong();
        String sourceService = string();
        String sourceInstance = string();
        String target = optionalString();
        String key = optionalString();
        String correlationId = optionalString();
        String causationId = optionalString();
        Instant createdAt = Instant.ofEpochMilli(readLong());
        Priority priority = PRIORITIES[readInt()];
        Map<String, String> attributes = attributes();
        int payloadLength = readInt();
        ByteBuffer payload = ByteBuffer.wrap(data, pos, payloadLength).slice();
        return new Envelope(id, type, payloadFingerprint, sourceService, sourceInstance, target, key, correlationId,
                causationId, createdAt, priority, attributes, payload);
    }

    private String string() {
        int length = readInt();
        String value = new String(data, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return value;
    }

    /** A {@code ["null", "string"]} union: index 0 is null. */
    private String optionalString() {
        return readInt() == 0 ? null : string();
    }

    /** Blocks of key/value pairs; a negative count is followed by the block's byte size. */
    private Map<String, String> attributes() {
        Map<String, String> attributes = null;
        for (long count = readLong(); count != 0; count = readLong()) {
            if (count < 0) {
                count = -count;
                readLong(); // the block's byte size, which only a reader skipping the block needs
            }
            if (attributes == null) {
                attributes = new HashMap<>();
            }
            for (long i = 0; i < count; i++) {
                attributes.put(string(), string());
            }
        }
        return attributes == null ? new HashMap<>() : attributes;
    }

    /**
     * An int varint exactly as Avro and {@link AvroBoundsScanner} read one (lengths, union indexes,
     * enum ordinals): at most 5 bytes, bits past 32 dropped. Read as a long, an overlong encoding
     * would give a value the scan never checked.
     */
    private int readInt() {
        int raw = 0;
        for (int shift = 0; ; shift += 7) {
            int b = data[pos++] & 0xff;
            raw |= (b & 0x7f) << shift;
            if (b < 0x80) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
    }

    /** A long varint (fingerprint, timestamp, block counts and sizes); the scan bounded it to 10 bytes. */
    private long readLong() {
        long raw = 0;
        for (int shift = 0; ; shift += 7) {
            int b = data[pos++] & 0xff;
            raw |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
    }
}
