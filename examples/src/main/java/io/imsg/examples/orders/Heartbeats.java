package io.imsg.examples.orders;

import io.imsg.kafka.presence.PresenceSettings;
import java.time.Duration;

/**
 * The pipeline's presence timing, shared by both services: a heartbeat every second and offline
 * after three without one, so the demo's mid-run kill shows up within seconds, not the default 15.
 */
public final class Heartbeats {

    private Heartbeats() {}

    public static PresenceSettings settings() {
        return PresenceSettings.ofDefaults().withTiming(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }
}
