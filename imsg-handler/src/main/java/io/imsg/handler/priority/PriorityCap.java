package io.imsg.handler.priority;

import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.schema.Priority;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * The highest priority a route grants: a message that claims more is handled (and measured, and its
 * outputs caused) at the cap. Priority is set by the sender, so a route that must not let any sender
 * jump its queue caps it; nothing in an unsigned message can lift the cap.
 *
 * <p>The router applies a route's cap outside all middleware ({@code RouteSpec.maxPriority}).
 */
public final class PriorityCap {

    private PriorityCap() {}

    /** {@code handler}, seeing messages whose priority is at most {@code cap}. */
    public static Handler<SpecificRecord> wrap(Priority cap, Handler<SpecificRecord> handler) {
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(handler, "handler");
        if (cap == Priority.HIGH) {
            return handler; // the top of the scale caps nothing
        }
        return (message, context) -> handler.handle(clamp(message, cap), context);
    }

    static Message<SpecificRecord> clamp(Message<SpecificRecord> message, Priority cap) {
        return message.priority().compareTo(cap) > 0 ? message.toBuilder().priority(cap).build() : message;
    }
}
