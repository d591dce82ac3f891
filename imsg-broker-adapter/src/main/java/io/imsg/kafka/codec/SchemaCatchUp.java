package io.imsg.kafka.codec;

/**
 * A second chance for a fingerprint the {@link SchemaRegistry} does not know: typically
 * {@link KafkaSchemaTopic} reading the schema topic to its end once, because another service may
 * have published the schema after this one started.
 *
 * <p>Called on the decoding thread, so implementations must be bounded in time and rate limited:
 * every unknown fingerprint in a hostile record reaches this method.
 */
@FunctionalInterface
public interface SchemaCatchUp {

    /**
     * Tries to add the schema with this fingerprint to the registry. Returns normally whether or not
     * it succeeded; the caller looks in the registry again afterwards.
     */
    void catchUp(long unknownFingerprint);

    /** Never finds anything: only classpath schemas are known. */
    static SchemaCatchUp none() {
        return fingerprint -> { };
    }
}
