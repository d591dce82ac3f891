package io.imsg.api;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a route is: a name (used in metrics, logs and dead-letter headers), the topic it reads and
 * the payload type it accepts.
 */
public record RouteInfo(String name, String topic, Class<? extends SpecificRecord> payloadType) {

    public RouteInfo {
        Names.requireNonBlank(name, "route name");
        Names.requireNonBlank(topic, "topic");
        Objects.requireNonNull(payloadType, "payloadType");
    }

    /** The Avro full name of the payload type, which is also the message type on the wire. */
    public String messageType() {
        return Messages.typeName(payloadType);
    }
}
