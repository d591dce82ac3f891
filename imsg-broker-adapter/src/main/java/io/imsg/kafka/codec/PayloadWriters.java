package io.imsg.kafka.codec;

import io.imsg.api.Messages;
import java.io.ByteArrayOutputStream;
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
 * Encodes payloads as plain Avro binary (no header) with their class's schema. The writer and the
 * schema fingerprint are computed once per class; the output buffer and encoder are reused per
 * thread. Thread-safe.
 */
final class PayloadWriters {

    /** A thread keeps its buffer up to this size; a rare larger payload does not pin its memory. */
    private static final int RETAINED_BUFFER_BYTES = 64 * 1024;
    private static final int INITIAL_BUFFER_BYTES = 512;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final ClassValue<PayloadWriter> writers = new ClassValue<>() {
        @Override
        protected PayloadWriter computeValue(Class<?> type) {
            return PayloadWriter.of(type.asSubclass(SpecificRecord.class));
        }
    };

    /** The payload's type name, writer fingerprint and body. */
    record Encoded(String type, long fingerprint, ByteBuffer body) {}

    Encoded encode(SpecificRecord payload) {
        PayloadWriter writer = writers.get(payload.getClass());
        Scratch scratch = SCRATCH.get();
        boolean written = false;
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(scratch.out, scratch.encoder);
            scratch.encoder = encoder;
            writer.datumWriter().write(payload, encoder);
            encoder.flush();
            written = true;
            return new Encoded(writer.type(), writer.fingerprint(), ByteBuffer.wrap(scratch.out.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a " + writer.type() + " into memory failed", e);
        } finally {
            scratch.reset(written);
        }
    }

    private record PayloadWriter(String type, long fingerprint, DatumWriter<SpecificRecord> datumWriter) {

        static PayloadWriter of(Class<? extends SpecificRecord> type) {
            Schema schema = Messages.schemaOf(type);
            return new PayloadWriter(schema.getFullName(), SchemaRegistry.fingerprint(schema),
                    new SpecificDatumWriter<>(schema, SpecificData.getForClass(type)));
        }
    }

    /** One thread's reusable output buffer and encoder. */
    private static final class Scratch {

        private ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
        private BinaryEncoder encoder;

        /**
         * After a failed write (a null in a required field, say) the encoder still buffers part of
         * that payload and would flush it into the next one on reuse, so it is dropped.
         */
        void reset(boolean written) {
            if (!written || out.size() > RETAINED_BUFFER_BYTES) {
                out = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
                encoder = null;
            } else {
                out.reset();
            }
        }
    }
}
