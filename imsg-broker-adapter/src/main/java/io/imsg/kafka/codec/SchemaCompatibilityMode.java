package io.imsg.kafka.codec;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * What a new version of a schema must satisfy before it is published, checked with Avro's
 * {@link SchemaCompatibility} against every version of the same full name already known (so every
 * mode is transitive: old records stay in topics, and any of them may still be read).
 *
 * <ul>
 *   <li>{@link #BACKWARD} (the default): the new schema, as reader, reads data written with every
 *       known version. Upgrade consumers first; they can read everything already in the topics.</li>
 *   <li>{@link #FORWARD}: every known version, as reader, reads data written with the new schema.
 *       Upgrade producers first.</li>
 *   <li>{@link #FULL}: both.</li>
 *   <li>{@link #NONE}: no check; for development only.</li>
 * </ul>
 */
public enum SchemaCompatibilityMode {
    BACKWARD(true, false),
    FORWARD(false, true),
    FULL(true, true),
    NONE(false, false);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;

    SchemaCompatibilityMode(boolean newReadsOld, boolean oldReadsNew) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
    }

    /** Every incompatibility of {@code candidate} with the {@code known} versions; empty when it may be published. */
    public List<String> incompatibilities(Schema candidate, List<Schema> known) {
        List<String> problems = new ArrayList<>();
        for (Schema existing : known) {
            if (newReadsOld) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing),
                        "new version cannot read data written with " + Text.hex(SchemaRegistry.fingerprint(existing)),
                        problems);
            }
            if (oldReadsNew) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate),
                        Text.hex(SchemaRegistry.fingerprint(existing)) + " cannot read data written with the new version",
                        problems);
            }
        }
        return List.copyOf(problems);
    }

    private static void describe(SchemaCompatibility.SchemaPairCompatibility result, String direction,
            List<String> problems) {
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (SchemaCompatibility.Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(direction + ": " + incompatibility.getType() + " at " + incompatibility.getLocation()
                    + " (" + incompatibility.getMessage() + ")");
        }
    }
}
