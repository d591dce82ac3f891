package io.imsg.api;

import io.imsg.api.header.MessageHeaders;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a handler knows about one attempt at one message, and how it sends follow-up messages.
 *
 * <p>A context belongs to one attempt on one thread; do not keep it after the handler returns.
 * Messages passed to {@link #emit} are buffered and published only after the handler (and every
 * middleware around it) succeeds, and the consumed record's offset is committed only after they
 * were acknowledged. A retried attempt starts with an empty buffer, so a retry never
 * double-publishes.
 */
public interface Context {

    /** The attempt number, starting at 1. */
    int attempt();

    /** The route handling this message. */
    RouteInfo route();

    /** The Kafka coordinates of the consumed record. */
    RecordOrigin origin();

    /** The consumed record's iMSG headers, through typed accessors. */
    MessageHeaders headers();

    /** Buffers {@code message} for {@code topic}; it is published after the handler succeeds. */
    <T extends SpecificRecord> void emit(String topic, Message<T> message);
}
