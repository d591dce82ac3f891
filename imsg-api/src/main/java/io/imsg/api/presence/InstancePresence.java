package io.imsg.api.presence;

import io.imsg.schema.PresenceStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link PresenceView} knows about one service instance: its last announced status (or
 * {@link PresenceStatus#OFFLINE} once its heartbeats stopped for longer than the deadline), the
 * message types it handles, when it was last seen and which iMSG version it runs.
 */
public record InstancePresence(String service, String instance, PresenceStatus status, Set<String> handledTypes,
        Instant lastSeen, String imsgVersion) {

    public InstancePresence {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(status, "status");
        handledTypes = Set.copyOf(Objects.requireNonNull(handledTypes, "handledTypes"));
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(imsgVersion, "imsgVersion");
    }

    public boolean isOnline() {
        return status == PresenceStatus.ONLINE;
    }

    /** The same instance with another status, as when its deadline passes. */
    public InstancePresence withStatus(PresenceStatus newStatus) {
        return new InstancePresence(service, instance, newStatus, handledTypes, lastSeen, imsgVersion);
    }
}
