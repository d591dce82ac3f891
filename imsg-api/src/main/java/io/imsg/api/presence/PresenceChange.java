package io.imsg.api.presence;

import io.imsg.schema.PresenceStatus;
import java.util.Objects;

/**
 * One instance moved from one status to another: it announced a new status, appeared for the first
 * time ({@code previous} is {@link PresenceStatus#OFFLINE}), or missed its heartbeat deadline.
 */
public record PresenceChange(PresenceStatus previous, InstancePresence current) {

    public PresenceChange {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
    }
}
