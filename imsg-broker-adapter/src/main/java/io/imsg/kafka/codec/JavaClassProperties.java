package io.imsg.kafka.codec;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * Finds the Avro properties that make a reader load a Java class by name ({@code java-class} and
 * its key and element forms). A schema from the schema topic is written by anyone who can produce
 * to it; Avro instantiates such classes while decoding (the class of CVE-2024-47561), so iMSG
 * refuses these schemas outright instead of relying on Avro's package allow-list alone.
 */
final class JavaClassProperties {

    static final Set<String> NAMES = Set.of("java-class", "java-key-class", "java-element-class");

    private JavaClassProperties() {}

    /** The first such property, as {@code "<schema or field>.<property>"}; empty if there is none. */
    static Optional<String> find(Schema schema) {
        return find(schema, new IdentityHashMap<>());
    }

    private static Optional<String> find(Schema schema, Map<Schema, Boolean> seen) {
        if (seen.put(schema, Boolean.TRUE) != null) {
            return Optional.empty(); // a recursive named type, already walked
        }
        Optional<String> here = named(schema.getFullName(), schema);
        if (here.isPresent()) {
            return here;
        }
        switch (schema.getType()) {
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    Optional<String> found = named(schema.getFullName() + "." + field.name(), field)
                            .or(() -> find(field.schema(), seen));
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            case ARRAY -> {
                return find(schema.getElementType(), seen);
            }
            case MAP -> {
                return find(schema.getValueType(), seen);
            }
            case UNION -> {
                for (Schema branch : schema.getTypes()) {
                    Optional<String> found = find(branch, seen);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            default -> { }
        }
        return Optional.empty();
    }

    private static Optional<String> named(String where, JsonProperties properties) {
        return NAMES.stream().filter(name -> properties.getObjectProp(name) != null).findFirst().map(name -> where + "." + name);
    }
}
