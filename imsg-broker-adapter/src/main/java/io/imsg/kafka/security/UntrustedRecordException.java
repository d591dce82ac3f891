package io.imsg.kafka.security;

import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.DecodingException;

/**
 * A record failed signature verification or decryption. Never retried: it is dead-lettered with
 * its original bytes, and no handler sees it. The message says why, never a key or plaintext.
 */
public final class UntrustedRecordException extends DecodingException {

    /** Why the record was not trusted. */
    public enum Reason {
        /** The topic requires a signature and the record has none. */
        UNSIGNED,
        /** The signature does not match the record, or names an unknown key or algorithm. */
        BAD_SIGNATURE,
        /** The topic requires encryption and the value is not encrypted. */
        NOT_ENCRYPTED,
        /** The value names a key this service does not have. */
        UNKNOWN_KEY,
        /** Decryption failed: another topic, id or type than the bytes were sealed for, or altered bytes. */
        DECRYPTION_FAILED,
        /** Framing or headers the checks need are malformed, missing or repeated. */
        MALFORMED
    }

    private final Reason reason;

    public UntrustedRecordException(Reason reason, String message, RecordOrigin origin) {
        super(reason + ": " + message, origin);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
