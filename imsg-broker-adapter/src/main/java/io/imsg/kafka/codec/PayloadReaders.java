package io.imsg.kafka.codec;

import io.imsg.api.Messages;
import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.DecodingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes envelope payloads into the registered generated classes. The writer schema comes from the
 * payload fingerprint, the reader class from the envelope's type, and Avro resolves between them, so
 * a payload written with an older compatible schema reads into the current class.
 *
 * <p>Everything per fingerprint (writer schema, pre-scan plan, resolving reader) is built once and
 * cached; the per-record fast path is one map read, one string comparison, the pre-scan and Avro's
 * read. Thread-safe.
 */
final class PayloadReaders {

    private final Map<String, Class<? extends SpecificRecord>> classesByType;
    private final String tried;
    private final WriterSchemaLookup writerSchemas;
    private final DecodingLimits limits;
    private final ConcurrentHashMap<Long, PayloadReader> byFingerprint = new ConcurrentHashMap<>();
    /** The reader used last; a stream of one payload type has one writer schema. */
    private volatile Last last;

    PayloadReaders(Collection<Class<? extends SpecificRecord>> payloadTypes, WriterSchemaLookup writerSchemas,
            DecodingLimits limits) {
        this.classesByType = indexByTypeName(payloadTypes);
        payloadTypes.forEach(type -> TrustedAvroClasses.trust(Messages.schemaOf(type)));
        this.tried = new TreeSet<>(classesByType.keySet()).stream()
                .map(type -> "\n   * " + type)
                .collect(Collectors.joining("", "\n  Tried:", ""));
        this.writerSchemas = writerSchemas;
        this.limits = limits;
    }

    /** Reads a payload body written with the schema of {@code fingerprint} as an instance of {@code type}. */
    SpecificRecord read(String type, long fingerprint, ByteBuffer body, RecordOrigin origin) {
        Last last = this.last;
        PayloadReader reader;
        if (last != null && last.fingerprint() == fingerprint) {
            reader = last.reader(); // the common case: no boxed key, no map lookup per record
        } else {
            reader = byFingerprint.get(fingerprint);
            if (reader == null) {
                reader = create(type, fingerprint, origin);
            }
            this.last = new Last(fingerprint, reader);
        }
        if (!reader.writerType().equals(type)) {
            throw new DecodingException("envelope type " + Text.quote(type) + " does not match the payload schema "
                    + Text.hex(fingerprint) + ", which is " + reader.writerType(), origin);
        }
        if (reader.incompatibility() != null) {
            throw new DecodingException(reader.incompatibility(), origin);
        }
        return decode(reader, body, origin);
    }

    private PayloadReader create(String type, long fingerprint, RecordOrigin origin) {
        Class<? extends SpecificRecord> readerClass = classesByType.get(type);
        if (readerClass == null) {
            throw new DecodingException("no payload class is registered for type " + Text.quote(type) + tried, origin);
        }
        Schema writer = writerSchemas.require(fingerprint, "payload", origin);
        TrustedAvroClasses.trust(Messages.schemaOf(readerClass)); // again, in case the global allow-list was replaced
        PayloadReader reader = PayloadReader.of(writer, readerClass, limits);
        PayloadReader raced = byFingerprint.putIfAbsent(fingerprint, reader);
        return raced != null ? raced : reader;
    }

    private static SpecificRecord decode(PayloadReader reader, ByteBuffer body, RecordOrigin origin) {
        byte[] bytes;
        int offset;
        if (body.hasArray()) {
            bytes = body.array();
            offset = body.arrayOffset() + body.position();
        } else {
            bytes = new byte[body.remaining()];
            body.duplicate().get(bytes);
            offset = 0;
        }
        int length = body.remaining();
        reader.scanner().scan(bytes, offset, length, origin);
        // A decoder per record, not one reused per thread: reuse measured no faster (the decoder reads
        // the array in place either way), and a reused one keeps its last record reachable.
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, null);
        Object value;
        try {
            value = reader.datumReader().read(null, decoder);
        } catch (IOException | RuntimeException e) {
            // The pre-scan makes this rare (a logical-type conversion rejecting a value, say); still typed.
            throw new DecodingException("payload of type " + reader.writerType() + " could not be decoded: " + e,
                    origin, e);
        }
        if (!(value instanceof SpecificRecord record)) {
            throw new DecodingException("payload of type " + reader.writerType() + " decoded to "
                    + (value == null ? "null" : value.getClass().getName()) + ", not a generated record", origin);
        }
        return record;
    }

    private record Last(long fingerprint, PayloadReader reader) {}

    /** Full names and aliases of the reader classes; an alias lets a renamed class read old records. */
    private static Map<String, Class<? extends SpecificRecord>> indexByTypeName(
            Collection<Class<? extends SpecificRecord>> payloadTypes) {
        Map<String, Class<? extends SpecificRecord>> index = new HashMap<>();
        for (Class<? extends SpecificRecord> type : payloadTypes) {
            Schema schema = Messages.schemaOf(type);
            claim(index, schema.getFullName(), type);
            schema.getAliases().forEach(alias -> claim(index, alias, type));
        }
        return Map.copyOf(index);
    }

    private static void claim(Map<String, Class<? extends SpecificRecord>> index, String name,
            Class<? extends SpecificRecord> type) {
        Class<? extends SpecificRecord> previous = index.putIfAbsent(name, type);
        if (previous != null && previous != type) {
            throw new IllegalArgumentException("payload types " + previous.getName() + " and " + type.getName()
                    + " both claim the type name " + name);
        }
    }

    /**
     * Everything needed to read one writer schema into one class. An incompatible pair is cached too,
     * with its explanation, so a stream of such records costs no repeated compatibility checks.
     */
    private record PayloadReader(String writerType, AvroBoundsScanner scanner, DatumReader<Object> datumReader,
            String incompatibility) {

        static PayloadReader of(Schema writer, Class<? extends SpecificRecord> readerClass, DecodingLimits limits) {
            Schema reader = Messages.schemaOf(readerClass);
            SchemaCompatibility.SchemaPairCompatibility compatibility =
                    SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
            String incompatibility = null;
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                List<String> problems = compatibility.getResult().getIncompatibilities().stream()
                        .map(problem -> problem.getMessage() + " at " + problem.getLocation())
                        .toList();
                incompatibility = "payload writer schema " + Text.hex(SchemaRegistry.fingerprint(writer)) + " of "
                        + writer.getFullName() + " cannot be read as " + readerClass.getName() + ": " + problems;
            }
            DatumReader<Object> datumReader =
                    new SpecificDatumReader<>(writer, reader, SpecificData.getForClass(readerClass));
            return new PayloadReader(writer.getFullName(), AvroBoundsScanner.of(writer, limits), datumReader,
                    incompatibility);
        }
    }
}
