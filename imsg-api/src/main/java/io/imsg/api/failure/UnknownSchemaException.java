package io.imsg.api.failure;

import io.imsg.api.RecordOrigin;

/** No writer schema is known for a fingerprint found in a record. */
public class UnknownSchemaException extends DecodingException {

    private final long fingerprint;

    public UnknownSchemaException(long fingerprint, String what, RecordOrigin origin) {
        super("unknown " + what + " schema fingerprint " + String.format("%016x", fingerprint)
                + "; it is neither on the classpath nor in the schema topic", origin);
        this.fingerprint = fingerprint;
    }

    public long fingerprint() {
        return fingerprint;
    }
}
