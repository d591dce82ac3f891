package io.imsg.api.failure;

/** Thrown by a handler to say "this may work next time" (a timeout, a busy database). */
public class RetryableException extends ImsgException {

    public RetryableException(String message) {
        super(message);
    }

    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
