package io.imsg.api.receipt;

import io.imsg.api.failure.ImsgException;
import java.time.Duration;

/** Fails a request's future when no reply arrived within its timeout. The request may still be handled. */
public class ReplyTimeoutException extends ImsgException {

    public ReplyTimeoutException(String requestId, String topic, Duration timeout) {
        super("no reply to request " + requestId + " on " + topic + " within " + timeout);
    }
}
