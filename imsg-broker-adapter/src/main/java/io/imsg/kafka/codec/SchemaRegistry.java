package io.imsg.kafka.codec;

import io.imsg.api.Messages;
import io.imsg.schema.Envelope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;

/**
 * The writer schemas this process knows, by CRC-64-AVRO fingerprint
 * ({@link SchemaNormalization#parsingFingerprint64}): the generated classes registered on the
 * classpath (always including {@link Envelope}) plus whatever {@link KafkaSchemaTopic} loaded from
 * the schema topic. Schemas are only ever added, never replaced or removed, so a record written
 * with any schema once seen stays readable.
 *
 * <p>Thread-safe; lookups are a single {@link ConcurrentHashMap} read. As a {@link SchemaStore} it
 * plugs straight into Avro's {@code BinaryMessageDecoder}.
 *
 * <pre>{@code
 * SchemaRegistry registry = SchemaRegistry.create().register(OrderPlaced.class);
 * Schema writer = registry.findByFingerprint(fingerprint); // null when unknown
 * }</pre>
 */
public final class SchemaRegistry implements SchemaStore {

    private final ConcurrentHashMap<Long, Schema> byFingerprint = new ConcurrentHashMap<>();
    /** Every version of a full name, in the order registered; replaced, never mutated, on change. */
    private final ConcurrentHashMap<String, List<Schema>> versionsByName = new ConcurrentHashMap<>();

    private SchemaRegistry() {}

    /** A registry holding the {@link Envelope} schema. */
    public static SchemaRegistry create() {
        return new SchemaRegistry().register(Envelope.class);
    }

    /** The fingerprint iMSG uses for a schema: CRC-64-AVRO of its parsing canonical form. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(Objects.requireNonNull(schema, "schema must not be null"));
    }

    /** Registers the schema of an Avro-generated record class; returns this registry. */
    public SchemaRegistry register(Class<? extends SpecificRecord> generatedType) {
        Objects.requireNonNull(generatedType, "generatedType must not be null");
        add(Messages.schemaOf(generatedType));
        return this;
    }

    /** Registers schemas of generated classes; returns this registry. */
    public SchemaRegistry registerAll(Collection<Class<? extends SpecificRecord>> generatedTypes) {
        Objects.requireNonNull(generatedTypes, "generatedTypes must not be null").forEach(this::register);
        return this;
    }

    /**
     * Adds a schema under its fingerprint.
     *
     * @return true if it was new, false if a schema with the same fingerprint was already known
     */
    public boolean add(Schema schema) {
        long fingerprint = fingerprint(schema);
        if (byFingerprint.putIfAbsent(fingerprint, schema) != null) {
            return false;
        }
        versionsByName.merge(nameOf(schema), List.of(schema), SchemaRegistry::concat);
        return true;
    }

    /** The schema with this fingerprint, or null when unknown (the {@link SchemaStore} contract). */
    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    public Optional<Schema> find(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    public boolean contains(long fingerprint) {
        return byFingerprint.containsKey(fingerprint);
    }

    /** Every known version of a full name, oldest registration first; empty when none. */
    public List<Schema> versionsOf(String fullName) {
        return versionsByName.getOrDefault(Objects.requireNonNull(fullName, "fullName must not be null"), List.of());
    }

    /** How many schemas are known. */
    public int size() {
        return byFingerprint.size();
    }

    private static String nameOf(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getFullName();
            default -> schema.getType().getName();
        };
    }

    private static List<Schema> concat(List<Schema> known, List<Schema> added) {
        List<Schema> all = new ArrayList<>(known.size() + added.size());
        all.addAll(known);
        all.addAll(added);
        return List.copyOf(all);
    }
}
