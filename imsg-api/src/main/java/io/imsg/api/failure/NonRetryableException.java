package io.imsg.api.failure;

import io.imsg.api.RecordOrigin;

/** Thrown to say "this will never work": the record goes straight to the dead-letter topic. */
public class NonRetryableException extends ImsgException {

    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }

    public NonRetryableException(String message, RecordOrigin origin, Throwable cause) {
        super(message, origin, cause);
    }
}
