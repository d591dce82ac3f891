package io.imsg.kafka.codec;

import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.DecodingException;
import io.imsg.api.failure.ImsgException;
import io.imsg.api.failure.MessageTooLargeException;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.schema.Envelope;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * iMSG's wire format: the record value is an {@link Envelope} in Avro single-object encoding
 * ({@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the envelope's writer schema,
 * then the body), and the envelope's {@code payload} is the message payload as plain Avro binary,
 * with its writer schema's fingerprint in {@code payloadFingerprint}.
 *
 * <p>Decoding treats every byte as hostile. In order: the value size against
 * {@link DecodingLimits#maxMessageBytes()} ({@link MessageTooLargeException}); the header; the
 * envelope writer schema by fingerprint ({@link io.imsg.api.failure.UnknownSchemaException}); an
 * {@link AvroBoundsScanner} pre-scan of the envelope body; Avro's decode; then the same for the
 * payload, whose writer schema comes from the registry and whose reader class is the one registered
 * for the envelope's type. Every failure is a {@link DecodingException} or a subtype. Schemas are
 * never parsed from message bytes.
 *
 * <p>Thread-safe; build one per service and share it.
 *
 * <pre>{@code
 * SchemaRegistry registry = SchemaRegistry.create();
 * AvroEnvelopeCodec codec = AvroEnvelopeCodec.builder(registry)
 *         .payloadTypes(List.of(OrderPlaced.class, InventoryReserved.class))
 *         .limits(DecodingLimits.ofDefaults())
 *         .catchUp(schemaTopic)            // optional: learn schemas published after start-up
 *         .build();
 * }</pre>
 */
public final class AvroEnvelopeCodec implements EnvelopeCodec {

    /** Marker (2 bytes) plus fingerprint (8 bytes). */
    static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    /** The single-object header of every envelope written: the marker, then the current schema's fingerprint. */
    static final byte[] CURRENT_HEADER = header(CurrentEnvelopeReader.FINGERPRINT);
    private static final int INITIAL_BUFFER_BYTES = 1024;
    private static final ThreadLocal<EncodingBuffer> ENVELOPE_BUFFERS =
            ThreadLocal.withInitial(() -> new EncodingBuffer(INITIAL_BUFFER_BYTES));

    private final DecodingLimits limits;
    private final WriterSchemaLookup writerSchemas;
    private final PayloadReaders payloadReaders;
    private final PayloadWriters payloadWriters;
    private final EnvelopeReaders envelopeReaders;

    private AvroEnvelopeCodec(Builder builder) {
        this.limits = builder.limits;
        // What it sends goes to other services, which may decode with the defaults: limits tightened to
        // protect this service's own consumer must not stop it sending what they accept.
        this.payloadWriters = new PayloadWriters(limits.widenedTo(DecodingLimits.ofDefaults()));
        SchemaRegistry registry = builder.registry.registerAll(builder.payloadTypes);
        this.writerSchemas = new WriterSchemaLookup(registry, builder.catchUp);
        this.payloadReaders = new PayloadReaders(builder.payloadTypes, writerSchemas, limits);
        this.envelopeReaders = new EnvelopeReaders(writerSchemas, limits);
    }

    /** A codec decoding the given payload types, with no schema catch-up. */
    public static AvroEnvelopeCodec create(SchemaRegistry registry,
            Collection<Class<? extends SpecificRecord>> payloadTypes, DecodingLimits limits) {
        return builder(registry).payloadTypes(payloadTypes).limits(limits).build();
    }

    public static Builder builder(SchemaRegistry registry) {
        return new Builder(registry);
    }

    public DecodingLimits limits() {
        return limits;
    }

    /**
     * @throws IllegalArgumentException when the message has no source (the publisher sets it)
     */
    @Override
    public byte[] encode(Message<? extends SpecificRecord> message) {
        Objects.requireNonNull(message, "message must not be null");
        // One reusable buffer per thread, so the only allocation is the exact-size copy returned.
        EncodingBuffer out = ENVELOPE_BUFFERS.get();
        try {
            PayloadWriters.Encoded payload = payloadWriters.encode(message.payload());
            out.write(CURRENT_HEADER, 0, HEADER_LENGTH);
            CurrentEnvelopeWriter.write(message, payload, out);
            return out.toByteArray();
        } finally {
            // Now, not at this thread's next encode: a thread that goes idle after one large message
            // must not keep its buffers at that size.
            out.reset();
            PayloadWriters.resetThisThread();
        }
    }

    /** For tests: the bytes this thread's encode buffers hold between encodes. */
    static int encodeBufferBytesOfThisThread() {
        return ENVELOPE_BUFFERS.get().capacity() + PayloadWriters.bufferBytesOfThisThread();
    }

    @Override
    public Message<SpecificRecord> decode(byte[] value, RecordOrigin origin) {
        Envelope envelope = checkedEnvelope(value, origin);
        try {
            SpecificRecord payload = payloadReaders.read(envelope.getType(), envelope.getPayloadFingerprint(),
                    envelope.getPayload(), origin);
            return EnvelopeMapping.toMessage(envelope, payload, origin);
        } catch (ImsgException e) {
            throw e;
        } catch (RuntimeException e) {
            // A safety net: the checks are meant to leave nothing for it to catch.
            throw new DecodingException("record value could not be decoded: " + e, origin, e);
        }
    }

    /**
     * Decodes the envelope only, with every check {@link #decode} makes on it, and leaves the payload
     * as its raw Avro body ({@link Envelope#getPayload()}), in a buffer of its own. For tools that
     * inspect records whose payload classes they do not have, such as the dead-letter CLI; services
     * use {@link #decode}.
     *
     * @throws DecodingException (or a subtype) when the value is null, too large or not a valid envelope
     */
    public Envelope decodeEnvelope(byte[] value, RecordOrigin origin) {
        // A deep copy: the decode path leaves the payload a view of {@code value}, which a caller
        // here could read past (its array is the whole record) or write through.
        return Envelope.newBuilder(checkedEnvelope(value, origin)).build();
    }

    private Envelope checkedEnvelope(byte[] value, RecordOrigin origin) {
        if (value == null) {
            throw new DecodingException("record value is null; every iMSG record carries an envelope", origin);
        }
        if (value.length > limits.maxMessageBytes()) {
            throw new MessageTooLargeException("record value", value.length, limits.maxMessageBytes(), origin);
        }
        try {
            return readEnvelope(value, origin);
        } catch (ImsgException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DecodingException("record value could not be decoded: " + e, origin, e);
        }
    }

    private Envelope readEnvelope(byte[] value, RecordOrigin origin) {
        return envelopeReaders.read(value, HEADER_LENGTH, headerFingerprint(value, origin), origin);
    }

    /** Avro's single-object header: the marker C3 01, then the fingerprint, little-endian. */
    private static byte[] header(long fingerprint) {
        byte[] header = new byte[HEADER_LENGTH];
        header[0] = MARKER_0;
        header[1] = MARKER_1;
        for (int i = 2; i < HEADER_LENGTH; i++) {
            header[i] = (byte) (fingerprint >>> (8 * (i - 2)));
        }
        return header;
    }

    private static long headerFingerprint(byte[] value, RecordOrigin origin) {
        if (value.length < HEADER_LENGTH) {
            throw new DecodingException("record value of " + value.length + " bytes is shorter than the "
                    + HEADER_LENGTH + "-byte Avro single-object header", origin);
        }
        if (value[0] != MARKER_0 || value[1] != MARKER_1) {
            throw new DecodingException(String.format("record value starts with %02X %02X, not the Avro "
                    + "single-object marker C3 01; it is not an iMSG envelope", value[0], value[1]), origin);
        }
        long fingerprint = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (value[i] & 0xffL);
        }
        return fingerprint;
    }

    /** Builds an {@link AvroEnvelopeCodec}; every setter checks its argument. */
    public static final class Builder {

        private final SchemaRegistry registry;
        private List<Class<? extends SpecificRecord>> payloadTypes = List.of();
        private DecodingLimits limits = DecodingLimits.ofDefaults();
        private SchemaCatchUp catchUp = SchemaCatchUp.none();

        private Builder(SchemaRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry must not be null");
        }

        /** The generated classes decoded payloads may be; their schemas are added to the registry. */
        public Builder payloadTypes(Collection<Class<? extends SpecificRecord>> payloadTypes) {
            Objects.requireNonNull(payloadTypes, "payloadTypes must not be null");
            this.payloadTypes = List.copyOf(payloadTypes);
            return this;
        }

        public Builder limits(DecodingLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits must not be null");
            return this;
        }

        /** Asked once per record whose fingerprint the registry does not know; none by default. */
        public Builder catchUp(SchemaCatchUp catchUp) {
            this.catchUp = Objects.requireNonNull(catchUp, "catchUp must not be null");
            return this;
        }

        public AvroEnvelopeCodec build() {
            return new AvroEnvelopeCodec(this);
        }
    }
}
