package io.imsg.kafka.presence;

import io.imsg.api.TopicNames;
import io.imsg.kafka.Checks;
import java.time.Duration;

/**
 * Presence of a service instance: where heartbeats go, how often they are sent, and how long peers
 * wait after the last one before they report the instance offline.
 *
 * <pre>{@code
 * PresenceSettings presence = PresenceSettings.ofDefaults()      // _imsg.presence, every 5 s, 15 s deadline
 *         .withInterval(Duration.ofSeconds(1))
 *         .withDeadline(Duration.ofSeconds(3));
 * }</pre>
 *
 * @param topic the compacted topic of heartbeats, keyed by instance; created when missing
 * @param interval time between two heartbeats of one instance
 * @param deadline how long after an instance's last heartbeat peers report it OFFLINE; more than
 *     one interval, so one late heartbeat does not flap the status (three intervals by default)
 */
public record PresenceSettings(String topic, Duration interval, Duration deadline) {

    public static final String DEFAULT_TOPIC = "_imsg.presence";

    public PresenceSettings {
        TopicNames.requireLegal(topic, "presence topic");
        Checks.positive(interval, "presence interval");
        Checks.positive(deadline, "presence deadline");
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("presence interval must be >= 10 ms (was " + interval + ")");
        }
        if (deadline.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("presence deadline must be longer than the interval (deadline "
                    + deadline + ", interval " + interval + ")");
        }
    }

    public static PresenceSettings ofDefaults() {
        return new PresenceSettings(DEFAULT_TOPIC, Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    public PresenceSettings withTopic(String value) {
        return new PresenceSettings(value, interval, deadline);
    }

    /** Sets the interval and keeps the deadline; use {@link #withTiming} to change both at once. */
    public PresenceSettings withInterval(Duration value) {
        return new PresenceSettings(topic, value, deadline);
    }

    public PresenceSettings withDeadline(Duration value) {
        return new PresenceSettings(topic, interval, value);
    }

    public PresenceSettings withTiming(Duration newInterval, Duration newDeadline) {
        return new PresenceSettings(topic, newInterval, newDeadline);
    }
}
