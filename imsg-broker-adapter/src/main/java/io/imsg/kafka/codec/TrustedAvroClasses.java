package io.imsg.kafka.codec;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Tells Avro's class allow-list (its JVM-wide {@link ClassSecurityValidator}, since 1.12.2) about the
 * generated classes iMSG decodes into: exactly the named types (records, enums, fixed) of the schemas
 * a codec is built for, nothing wider. Avro refuses to load any class by name that the allow-list
 * does not trust, and its default trusts only the {@code java.lang} boxes, {@code BigDecimal},
 * {@code BigInteger} and the {@code org.apache.avro.SERIALIZABLE_*} system properties, so without
 * this every generated class is refused.
 *
 * <p>Trust is derived from the schemas of classes the application registered in code, never from
 * schemas read off the wire; and iMSG refuses wire schemas with a {@code java-class} property
 * outright ({@link JavaClassProperties}). Anything else Avro would load stays subject to the
 * allow-list as it was, including whatever the application configured through the system
 * properties or {@link ClassSecurityValidator#setGlobal}: this wraps the global predicate it finds,
 * keeping its verdicts and its {@code forbiddenClass} (which may log instead of throw). The readers
 * trust again each time they build a reader for a new writer schema, which re-installs the wrapper
 * if an application replaced the global predicate since.
 */
final class TrustedAvroClasses {

    private static final Set<String> CLASS_NAMES = ConcurrentHashMap.newKeySet();

    private TrustedAvroClasses() {}

    /** Trusts the class of every named type reachable from {@code schema}. */
    static synchronized void trust(Schema schema) {
        collect(schema, new IdentityHashMap<>());
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (!(current instanceof Registered)) {
            ClassSecurityValidator.setGlobal(new Registered(current));
        }
    }

    /** iMSG's classes, then whatever the wrapped predicate trusts; refusals go to the wrapped one. */
    private record Registered(ClassSecurityPredicate wrapped) implements ClassSecurityPredicate {

        @Override
        public boolean isTrusted(Class<?> type) {
            return CLASS_NAMES.contains(type.getName()) || wrapped.isTrusted(type);
        }

        @Override
        public void forbiddenClass(String className) {
            wrapped.forbiddenClass(className);
        }
    }

    private static void collect(Schema schema, Map<Schema, Boolean> seen) {
        if (seen.put(schema, Boolean.TRUE) != null) {
            return; // a recursive named type, already walked
        }
        switch (schema.getType()) {
            case RECORD -> {
                CLASS_NAMES.add(SpecificData.getClassName(schema));
                schema.getFields().forEach(field -> collect(field.schema(), seen));
            }
            case ENUM, FIXED -> CLASS_NAMES.add(SpecificData.getClassName(schema));
            case ARRAY -> collect(schema.getElementType(), seen);
            case MAP -> collect(schema.getValueType(), seen);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, seen));
            default -> { }
        }
    }
}
