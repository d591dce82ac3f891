package io.imsg.kafka.codec;

import io.imsg.api.failure.ImsgException;
import java.util.List;

/**
 * A schema was not published because it breaks the topic's {@link SchemaCompatibilityMode} against a
 * version already there. Thrown at start-up, before any message is sent with it.
 */
public class IncompatibleSchemaException extends ImsgException {

    private final String fullName;
    private final transient List<String> incompatibilities;

    public IncompatibleSchemaException(String fullName, long fingerprint, SchemaCompatibilityMode mode,
            List<String> incompatibilities) {
        super("schema " + fullName + " (" + Text.hex(fingerprint) + ") is not " + mode
                + " compatible with the versions in the schema topic:\n  - "
                + String.join("\n  - ", incompatibilities));
        this.fullName = fullName;
        this.incompatibilities = List.copyOf(incompatibilities);
    }

    public String fullName() {
        return fullName;
    }

    /** One line per incompatibility: the direction, Avro's type, location and message. */
    public List<String> incompatibilities() {
        return incompatibilities;
    }
}
