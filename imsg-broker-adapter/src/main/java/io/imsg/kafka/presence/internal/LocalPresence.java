package io.imsg.kafka.presence.internal;

import io.imsg.api.Source;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.kafka.publish.HeaderStamp;
import io.imsg.schema.PresenceStatus;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.header.Headers;

/**
 * This instance's own presence status, stamped with its instance id on every record it publishes.
 * OFFLINE until started, ONLINE while running, DRAINING while closing. When presence is not
 * enabled, only the instance id is stamped: a status nobody announces would mean nothing.
 */
public final class LocalPresence implements HeaderStamp {

    private final Source identity;
    private final boolean announced;
    private final AtomicReference<PresenceStatus> status = new AtomicReference<>(PresenceStatus.OFFLINE);

    public LocalPresence(Source identity, boolean announced) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.announced = announced;
    }

    public Source identity() {
        return identity;
    }

    public PresenceStatus status() {
        return status.get();
    }

    public void set(PresenceStatus newStatus) {
        status.set(Objects.requireNonNull(newStatus, "status"));
    }

    @Override
    public void stamp(Headers headers) {
        headers.remove(ImsgHeaders.INSTANCE);
        headers.add(HeaderMapping.utf8(ImsgHeaders.INSTANCE, identity.instance()));
        if (announced) {
            headers.remove(ImsgHeaders.PRESENCE);
            headers.add(HeaderMapping.utf8(ImsgHeaders.PRESENCE, status.get().name()));
        }
    }
}
