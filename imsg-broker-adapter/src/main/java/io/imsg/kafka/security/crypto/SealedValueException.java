package io.imsg.kafka.security.crypto;

/** Sealed bytes that cannot be opened. Messages never carry key material or plaintext. */
public final class SealedValueException extends RuntimeException {

    /** Why opening failed. */
    public enum Reason { MALFORMED, UNKNOWN_KEY, AUTHENTICATION_FAILED }

    private final Reason reason;

    public SealedValueException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
