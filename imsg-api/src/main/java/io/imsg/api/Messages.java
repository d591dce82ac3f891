package io.imsg.api;

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

    /** The schema a generated class was generated from. */
    public static Schema schemaOf(Class<? extends SpecificRecord> payloadType) {
        Schema schema = SpecificData.get().getSchema(payloadType);
        if (schema == null || schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(payloadType.getName() + " is not an Avro-generated record class");
        }
        return schema;
    }
}
