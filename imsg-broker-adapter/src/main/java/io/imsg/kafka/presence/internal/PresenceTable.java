package io.imsg.kafka.presence.internal;

import io.imsg.api.presence.InstancePresence;
import io.imsg.api.presence.PresenceChange;
import io.imsg.schema.PresenceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest heartbeat of every instance, and the deadline rule: an instance that announced ONLINE
 * or DRAINING but was not heard of for longer than the deadline is OFFLINE. Thread-safe.
 *
 * <p>The deadline runs from the heartbeat's own {@code lastSeen}, capped at the time it arrived
 * here: replaying the compacted topic at start-up must not revive an instance that died an hour
 * ago, and a sender whose clock runs ahead must not stay online for longer than the deadline.
 */
public final class PresenceTable {

    /**
     * How long an OFFLINE instance is remembered. Instance ids change with every restart, so
     * without forgetting, a long-running peer's table would grow with every restart it ever saw.
     */
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final Duration deadline;
    /** Keyed by service and instance; reported status, not the effective one. */
    private final Map<String, InstancePresence> latest = new HashMap<>();
    /** The status each instance was last reported to listeners with. */
    private final Map<String, PresenceStatus> reported = new HashMap<>();

    public PresenceTable(Duration deadline) {
        this.deadline = deadline;
    }

    /** Records a heartbeat that arrived at {@code now}; returns the change it makes, if any. */
    public synchronized Optional<PresenceChange> apply(InstancePresence heartbeat, Instant now) {
        Instant seen = heartbeat.lastSeen().isAfter(now) ? now : heartbeat.lastSeen();
        String key = keyOf(heartbeat);
        InstancePresence previous = latest.get(key);
        if (previous != null && previous.lastSeen().isAfter(seen)) {
            return Optional.empty(); // an older heartbeat, overtaken (replayed history, say)
        }
        InstancePresence stored = new InstancePresence(heartbeat.service(), heartbeat.instance(), heartbeat.status(),
                heartbeat.handledTypes(), seen, heartbeat.imsgVersion());
        latest.put(key, stored);
        return report(key, effective(stored, now));
    }

    /** Reports instances whose deadline passed since the last call, and forgets long-gone ones. */
    public synchronized List<PresenceChange> expire(Instant now) {
        List<PresenceChange> changes = new ArrayList<>();
        latest.forEach((key, presence) -> report(key, effective(presence, now)).ifPresent(changes::add));
        Instant forgetBefore = now.minus(FORGET_AFTER).minus(deadline);
        latest.values().removeIf(presence -> presence.lastSeen().isBefore(forgetBefore) && remove(presence));
        return changes;
    }

    private boolean remove(InstancePresence presence) {
        reported.remove(keyOf(presence));
        return true;
    }

    /** Every instance with its effective status at {@code now}. */
    public synchronized List<InstancePresence> snapshot(Instant now) {
        List<InstancePresence> all = new ArrayList<>(latest.size());
        latest.values().forEach(presence -> all.add(effective(presence, now)));
        return all;
    }

    private Optional<PresenceChange> report(String key, InstancePresence current) {
        PresenceStatus before = reported.getOrDefault(key, PresenceStatus.OFFLINE);
        reported.put(key, current.status());
        // An instance first seen OFFLINE (replayed history) is no change: unknown reads as OFFLINE.
        if (before == current.status()) {
            return Optional.empty();
        }
        return Optional.of(new PresenceChange(before, current));
    }

    private InstancePresence effective(InstancePresence presence, Instant now) {
        boolean expired = Duration.between(presence.lastSeen(), now).compareTo(deadline) > 0;
        return expired && presence.status() != PresenceStatus.OFFLINE ? presence.withStatus(PresenceStatus.OFFLINE)
                : presence;
    }

    private static String keyOf(InstancePresence presence) {
        return presence.service() + '\u0000' + presence.instance();
    }
}
