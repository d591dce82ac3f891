package io.imsg.api.failure;

import io.imsg.api.RecordOrigin;
import java.util.Collection;

/** A decoded message has no route for its topic and type. */
public class NoRouteException extends NonRetryableException {

    public NoRouteException(String topic, String type, Collection<String> routedTypes, RecordOrigin origin) {
        super("no route for type " + type + " on topic " + topic + "; routed types there: " + routedTypes,
                origin, null);
    }
}
