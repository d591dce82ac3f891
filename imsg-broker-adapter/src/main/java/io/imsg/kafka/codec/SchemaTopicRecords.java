package io.imsg.kafka.codec;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns records of the schema topic into registry entries. Anyone who can write the topic can put
 * anything in it, so a record is accepted only when its JSON is within the size limit, parses as an
 * Avro schema, and its key is the fingerprint of that schema; everything else is skipped with a
 * warning carrying a stable id and the record's coordinates (never its content). Never throws.
 *
 * <p>Thread-safe.
 */
final class SchemaTopicRecords {

    private static final Logger log = LoggerFactory.getLogger(SchemaTopicRecords.class);
    private static final int KEY_LENGTH = 16;

    private final SchemaRegistry registry;
    private final SchemaTopicSettings settings;
    /** Fingerprints found in the topic, as opposed to registered from the classpath. */
    private final Set<Long> inTopic = ConcurrentHashMap.newKeySet();

    SchemaTopicRecords(SchemaRegistry registry, SchemaTopicSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    boolean isInTopic(long fingerprint) {
        return inTopic.contains(fingerprint);
    }

    /** Records a schema this process itself published, once the broker acknowledged it. */
    void published(Schema schema) {
        registry.add(schema);
        inTopic.add(SchemaRegistry.fingerprint(schema));
    }

    /** @return true when the record added a schema the registry did not know */
    boolean accept(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            // A tombstone: schemas are never forgotten, records written with them may still be around.
            return false;
        }
        if (value.length > settings.maxSchemaBytes()) {
            log.warn("IMSG-2001 skipped schema record {}: {} bytes, over maxSchemaBytes {}", where(record),
                    value.length, settings.maxSchemaBytes());
            return false;
        }
        Schema schema = parse(record, value);
        if (schema == null) {
            return false;
        }
        Optional<String> javaClass = JavaClassProperties.find(schema);
        if (javaClass.isPresent()) {
            log.warn("IMSG-2009 skipped schema record {}: it names a Java class to load ({})", where(record),
                    Text.quote(javaClass.get()));
            return false;
        }
        long fingerprint = SchemaRegistry.fingerprint(schema);
        if (!Text.hex(fingerprint).equals(keyOf(record))) {
            log.warn("IMSG-2003 skipped schema record {}: its key is not the fingerprint {} of its schema {}",
                    where(record), Text.hex(fingerprint), Text.quote(schema.getFullName()));
            return false;
        }
        if (!inTopic.contains(fingerprint) && inTopic.size() >= settings.maxSchemas()) {
            log.warn("IMSG-2004 skipped schema record {}: already {} schemas, the maxSchemas limit", where(record),
                    inTopic.size());
            return false;
        }
        inTopic.add(fingerprint);
        return registry.add(schema);
    }

    /**
     * Parse failures of every kind are expected here: Avro's parse errors, Jackson's nesting and size
     * constraints, and, for absurdly nested input, a {@link StackOverflowError}, which is caught too
     * because the input that caused it is gone once the stack unwinds.
     */
    private static Schema parse(ConsumerRecord<byte[], byte[]> record, byte[] value) {
        try {
            return new Schema.Parser().parse(new String(value, StandardCharsets.UTF_8));
        } catch (RuntimeException | StackOverflowError e) {
            log.warn("IMSG-2002 skipped schema record {}: not a valid Avro schema: {}", where(record),
                    Text.quote(e.getClass().getSimpleName() + ": " + e.getMessage()));
            return null;
        }
    }

    private static String keyOf(ConsumerRecord<byte[], byte[]> record) {
        byte[] key = record.key();
        if (key == null || key.length != KEY_LENGTH) {
            return null;
        }
        return new String(key, StandardCharsets.US_ASCII);
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
