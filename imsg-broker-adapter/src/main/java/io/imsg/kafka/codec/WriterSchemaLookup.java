package io.imsg.kafka.codec;

import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.UnknownSchemaException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds a writer schema by fingerprint, giving the {@link SchemaCatchUp} one chance on a miss. */
final class WriterSchemaLookup {

    private static final Logger log = LoggerFactory.getLogger(WriterSchemaLookup.class);

    private final SchemaRegistry registry;
    private final SchemaCatchUp catchUp;

    WriterSchemaLookup(SchemaRegistry registry, SchemaCatchUp catchUp) {
        this.registry = registry;
        this.catchUp = catchUp;
    }

    SchemaRegistry registry() {
        return registry;
    }

    /**
     * @param what "envelope" or "payload", for the error message
     * @throws UnknownSchemaException when neither the registry nor the catch-up knows the fingerprint
     */
    Schema require(long fingerprint, String what, RecordOrigin origin) {
        Schema schema = registry.findByFingerprint(fingerprint);
        if (schema == null) {
            catchUpQuietly(fingerprint);
            schema = registry.findByFingerprint(fingerprint);
        }
        if (schema == null) {
            throw new UnknownSchemaException(fingerprint, what, origin);
        }
        return schema;
    }

    /** A failing catch-up must not turn a bad record into an unexpected exception type. */
    private void catchUpQuietly(long fingerprint) {
        try {
            catchUp.catchUp(fingerprint);
        } catch (RuntimeException e) {
            log.warn("IMSG-2010 schema catch-up for fingerprint {} failed: {}", Text.hex(fingerprint), e.toString());
        }
    }
}
