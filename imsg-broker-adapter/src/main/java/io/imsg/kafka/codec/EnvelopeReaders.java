package io.imsg.kafka.codec;

import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.DecodingException;
import io.imsg.schema.Envelope;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Decodes envelope bodies, resolving each writer schema (found by the single-object fingerprint)
 * to the current {@link Envelope} class. Per fingerprint, the bounds scanner and the resolving
 * reader are built once and cached.
 *
 * <p>A body written with the current schema is read by {@link CurrentEnvelopeReader}. Any other is
 * read straight from the record's array with an array-backed
 * {@link BinaryDecoder}. Avro's {@code BinaryMessageDecoder}, used here before, wraps the array
 * in an input stream and reads it through a direct (unbuffered) decoder, which showed up in the
 * drain profile as one of the consumer's larger per-record costs. Thread-safe.
 */
final class EnvelopeReaders {

    private static final String ENVELOPE_NAME = Envelope.getClassSchema().getFullName();

    private final WriterSchemaLookup writerSchemas;
    private final DecodingLimits limits;
    private final ConcurrentHashMap<Long, EnvelopeReader> byFingerprint = new ConcurrentHashMap<>();
    /** The reader used last; almost every record of a stream has the same writer schema. */
    private volatile Last last;

    EnvelopeReaders(WriterSchemaLookup writerSchemas, DecodingLimits limits) {
        TrustedAvroClasses.trust(Envelope.getClassSchema());
        this.writerSchemas = writerSchemas;
        this.limits = limits;
    }

    /** Reads the envelope body at {@code value[offset..]}, written with the schema of {@code fingerprint}. */
    Envelope read(byte[] value, int offset, long fingerprint, RecordOrigin origin) {
        EnvelopeReader reader = readerOf(fingerprint, origin);
        int length = value.length - offset;
        reader.scanner().scan(value, offset, length, origin);
        if (fingerprint == CurrentEnvelopeReader.FINGERPRINT) {
            return CurrentEnvelopeReader.read(value, offset);
        }
        // A decoder per record, not one reused per thread: reuse measured no faster (the decoder reads
        // the array in place either way), and a reused one keeps its last record reachable.
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, offset, length, null);
        try {
            return reader.datumReader().read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new DecodingException("envelope could not be decoded: " + e, origin, e);
        }
    }

    private EnvelopeReader readerOf(long fingerprint, RecordOrigin origin) {
        Last last = this.last;
        if (last != null && last.fingerprint() == fingerprint) {
            return last.reader(); // the common case: no boxed key, no map lookup per record
        }
        EnvelopeReader reader = byFingerprint.get(fingerprint);
        if (reader != null) {
            this.last = new Last(fingerprint, reader);
            return reader;
        }
        Schema writer = writerSchemas.require(fingerprint, "envelope", origin);
        if (!isEnvelope(writer)) {
            throw new DecodingException("envelope fingerprint " + Text.hex(fingerprint) + " names the schema "
                    + writer.getFullName() + ", not " + ENVELOPE_NAME, origin);
        }
        TrustedAvroClasses.trust(Envelope.getClassSchema()); // again, in case the global allow-list was replaced
        return byFingerprint.computeIfAbsent(fingerprint, key -> EnvelopeReader.of(writer, limits));
    }

    private static boolean isEnvelope(Schema writer) {
        return writer.getType() == Schema.Type.RECORD && (ENVELOPE_NAME.equals(writer.getFullName())
                || Envelope.getClassSchema().getAliases().contains(writer.getFullName()));
    }

    private record Last(long fingerprint, EnvelopeReader reader) {}

    /** What reading one envelope writer schema takes: the pre-scan of hostile bytes, then Avro's resolving read. */
    private record EnvelopeReader(AvroBoundsScanner scanner, DatumReader<Envelope> datumReader) {

        static EnvelopeReader of(Schema writer, DecodingLimits limits) {
            DatumReader<Envelope> datumReader = new SpecificDatumReader<>(writer, Envelope.getClassSchema(),
                    SpecificData.getForClass(Envelope.class));
            return new EnvelopeReader(AvroBoundsScanner.of(writer, limits), datumReader);
        }
    }
}
