package io.imsg.api.presence;

import java.util.List;
import java.util.function.Consumer;

/**
 * Who is online, as seen from this process: every instance's latest heartbeat, with an instance
 * whose heartbeats stopped for longer than the deadline reported {@code OFFLINE}. Thread-safe.
 *
 * <pre>{@code
 * if (presence.online("inventory-service").isEmpty()) { ... }
 * AutoCloseable watch = presence.subscribe(change -> log.info("{} is now {}",
 *         change.current().instance(), change.current().status()));
 * }</pre>
 *
 * <p>The view is eventually consistent: a heartbeat reaches it through Kafka, so an instance that
 * just started shows up within about one heartbeat interval, and one that crashed is reported
 * offline once its deadline has passed.
 */
public interface PresenceView {

    /** Every instance known, in any status, including this one. */
    List<InstancePresence> instances();

    /** The ONLINE instances of {@code service}. */
    List<InstancePresence> online(String service);

    /** The ONLINE instances that handle the message type {@code type} (an Avro full name). */
    List<InstancePresence> onlineFor(String type);

    /** True when {@code service} has at least one ONLINE instance. */
    default boolean isOnline(String service) {
        return !online(service).isEmpty();
    }

    /**
     * Calls {@code listener} on every status change from now on, on the view's own thread, in the
     * order changes were seen; a listener must not block. Close the returned handle to stop.
     */
    AutoCloseable subscribe(Consumer<PresenceChange> listener);
}
