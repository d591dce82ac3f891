package io.imsg.api;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Helpers for Avro-generated payload classes. */
public final class Messages {

    private Messages() {}

    /** The Avro full name of a generated class: the message type on the wire. */
    public static String typeName(Class<? extends SpecificRecord> payloadType) {
        return schemaOf(payloadType).getFullName();
    }

    /**
     * The schema a generated class was generated from.
     *
     * @throws IllegalArgumentException for any other class: hand-written, an interface, a subclass of
     *     a generated class, or one whose {@code SCHEMA$} is not a record
     */
    public static Schema schemaOf(Class<? extends SpecificRecord> payloadType) {
        Objects.requireNonNull(payloadType, "payloadType must not be null");
        Schema schema;
        try {
            schema = SpecificData.get().getSchema(payloadType);
        } catch (RuntimeException noSchema) {
            // Avro throws its own AvroRuntimeException for a class without a SCHEMA$ field; one message for all.
            throw notGenerated(payloadType, noSchema);
        }
        if (schema == null || schema.getType() != Schema.Type.RECORD) {
            throw notGenerated(payloadType, null);
        }
        return schema;
    }

    private static IllegalArgumentException notGenerated(Class<?> payloadType, Throwable cause) {
        return new IllegalArgumentException("payloadType " + payloadType.getName() + " is not an Avro-generated"
                + " record class (generated classes declare a static SCHEMA$ of type record)", cause);
    }
}
