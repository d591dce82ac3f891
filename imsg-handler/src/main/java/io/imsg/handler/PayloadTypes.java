package io.imsg.handler;

import io.imsg.api.Messages;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Checks that a route's payload class is one the codec can decode into: an Avro-generated record. */
final class PayloadTypes {

    private PayloadTypes() {}

    static Schema requireAvroRecord(Class<? extends SpecificRecord> payloadType) {
        Objects.requireNonNull(payloadType, "payloadType must not be null");
        try {
            return Messages.schemaOf(payloadType);
        } catch (RuntimeException e) {
            // Avro throws its own AvroRuntimeException for classes without a SCHEMA$ field (an
            // interface, a hand-written class, a subclass of a generated one); one message for all.
            throw new IllegalArgumentException("payloadType " + payloadType.getName()
                    + " is not an Avro-generated record class (generated classes declare a static SCHEMA$"
                    + " of type record)", e);
        }
    }
}
