package io.imsg.api;

import java.time.Instant;

/** Where a consumed message came from: its Kafka coordinates. */
public record RecordOrigin(String topic, int partition, long offset, Instant timestamp) {

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
