package io.imsg.kafka.publish;

import org.apache.kafka.common.header.Headers;

/**
 * Adds headers that describe the sender rather than the message (its instance id, its presence
 * status) to every record a {@link KafkaPublisher} writes, before the size check. Must be
 * thread-safe and fast: it runs on every publish.
 */
@FunctionalInterface
public interface HeaderStamp {

    /** Stamps nothing. */
    HeaderStamp NONE = headers -> { };

    void stamp(Headers headers);
}
