package io.imsg.kafka.codec;

import io.imsg.api.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes payloads as plain Avro binary (no header) with their class's schema, within the decoding
 * limits ({@link PayloadLimitCheck}). The writer, the schema fingerprint and the check are computed
 * once per class; the output buffer and encoder are reused per thread, and the body is lent from
 * that buffer rather than copied. Thread-safe.
 */
final class PayloadWriters {

    private static final int INITIAL_BUFFER_BYTES = 1024;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final DecodingLimits limits;
    private final ClassValue<PayloadWriter> writers = new ClassValue<>() {
        @Override
        protected PayloadWriter computeValue(Class<?> type) {
            return PayloadWriter.of(type.asSubclass(SpecificRecord.class), limits);
        }
    };

    PayloadWriters(DecodingLimits limits) {
        this.limits = limits;
    }

    /**
     * The payload's type name, writer fingerprint and body. The body is the encoding thread's
     * buffer: valid on that thread until its next {@link #encode} or {@link #resetThisThread},
     * which is all the envelope needs.
     */
    record Encoded(String type, long fingerprint, ByteBuffer body) {}

    Encoded encode(SpecificRecord payload) {
        PayloadWriter writer = writers.get(payload.getClass());
        Scratch scratch = SCRATCH.get();
        scratch.out.reset();
        boolean written = false;
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(scratch.out, scratch.encoder);
            scratch.encoder = encoder;
            writer.datumWriter().write(payload, encoder);
            encoder.flush();
            written = true;
            ByteBuffer body = scratch.out.view();
            writer.limitCheck().check(writer.type(), body);
            return new Encoded(writer.type(), writer.fingerprint(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a " + writer.type() + " into memory failed", e);
        } finally {
            if (!written) {
                // A failed write (a null in a required field, say) leaves part of that payload in the
                // encoder's own buffer, which it would flush into the next payload on reuse.
                scratch.encoder = null;
            }
        }
    }

    /** Forgets this thread's last body, and the memory a large one made its buffer take. */
    static void resetThisThread() {
        SCRATCH.get().out.reset();
    }

    static int bufferBytesOfThisThread() {
        return SCRATCH.get().out.capacity();
    }

    private record PayloadWriter(String type, long fingerprint, DatumWriter<SpecificRecord> datumWriter,
            PayloadLimitCheck limitCheck) {

        static PayloadWriter of(Class<? extends SpecificRecord> type, DecodingLimits limits) {
            Schema schema = Messages.schemaOf(type);
            TrustedAvroClasses.trust(schema); // a class the application publishes is one it compiled in
            return new PayloadWriter(schema.getFullName(), SchemaRegistry.fingerprint(schema),
                    new SpecificDatumWriter<>(schema, SpecificData.getForClass(type)),
                    PayloadLimitCheck.of(schema, limits));
        }
    }

    /** One thread's reusable output buffer and encoder. */
    private static final class Scratch {

        private final EncodingBuffer out = new EncodingBuffer(INITIAL_BUFFER_BYTES);
        private BinaryEncoder encoder;
    }
}
