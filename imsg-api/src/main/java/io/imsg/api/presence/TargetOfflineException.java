package io.imsg.api.presence;

import io.imsg.api.failure.NonRetryableException;

/**
 * Thrown (as the failure of a publish future) by the {@link SendPolicy#failFast()} policy when the
 * message's target service has no ONLINE instance. Nothing was sent.
 */
public class TargetOfflineException extends NonRetryableException {

    private final String target;

    public TargetOfflineException(String target, String topic, String messageId) {
        super("target service '" + target + "' has no online instance; message " + messageId + " for " + topic
                + " was not sent (send policy: fail fast)");
        this.target = target;
    }

    /** The service that was offline. */
    public String target() {
        return target;
    }
}
