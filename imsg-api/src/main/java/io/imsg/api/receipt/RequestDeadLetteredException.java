package io.imsg.api.receipt;

import io.imsg.api.failure.ImsgException;

/** Fails a request's future when the request was dead-lettered by the receiver: no reply will come. */
public class RequestDeadLetteredException extends ImsgException {

    private final String reason;

    public RequestDeadLetteredException(String requestId, String topic, String reason) {
        super("request " + requestId + " on " + topic + " was dead-lettered: " + reason);
        this.reason = reason;
    }

    /** The receiver's reason, as carried by the DEAD_LETTERED receipt. */
    public String reason() {
        return reason;
    }
}
