package io.imsg.handler.idempotency;

import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.RetryableException;

/**
 * Thrown by {@link DedupMiddleware} for a delivery whose message id is being handled right now by
 * another delivery on the same route. Retryable: the handler did not run and the message is not
 * done, so a later attempt either finds it completed (and skips it) or claims it (if the other
 * delivery failed).
 */
public final class DuplicateInProgressException extends RetryableException {

    DuplicateInProgressException(String route, String messageId, RecordOrigin origin) {
        super("message " + abbreviate(messageId) + " is being handled by another delivery on route '" + route
                + "'; this one did not run and will be retried" + (origin == null ? "" : " [record " + origin + "]"));
    }

    /** Ids come from the wire and may be huge; an exception message ends up in logs and headers. */
    private static String abbreviate(String id) {
        return id.length() <= 80 ? id : id.substring(0, 80) + "...(" + id.length() + " chars)";
    }
}
