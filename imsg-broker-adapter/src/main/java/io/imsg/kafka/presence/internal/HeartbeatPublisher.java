package io.imsg.kafka.presence.internal;

import io.imsg.api.Message;
import io.imsg.api.spi.PublishResult;
import io.imsg.api.spi.Publisher;
import io.imsg.kafka.presence.PresenceSettings;
import io.imsg.schema.Presence;
import io.imsg.schema.PresenceStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this instance's heartbeat every interval, and its status changes at once. Heartbeats
 * are keyed by service and instance, so the compacted topic keeps the latest of each instance.
 */
public final class HeartbeatPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final Publisher publisher;
    private final PresenceSettings settings;
    private final LocalPresence local;
    private final List<String> handledTypes;
    private final String version;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    public HeartbeatPublisher(Publisher publisher, PresenceSettings settings, LocalPresence local,
            List<String> handledTypes, String version, Clock clock) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.local = Objects.requireNonNull(local, "local");
        this.handledTypes = List.copyOf(handledTypes);
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imsg-presence-" + local.identity().service());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Announces ONLINE and keeps sending heartbeats every interval. */
    public void start() {
        local.set(PresenceStatus.ONLINE);
        long every = settings.interval().toMillis();
        timer.scheduleAtFixedRate(this::beat, 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Sets and announces {@code status}, waiting up to {@code timeout} for the broker's
     * acknowledgement; a failure is logged, as peers will see the deadline pass anyway.
     */
    public void announce(PresenceStatus status, Duration timeout) {
        CompletableFuture<PublishResult> sent;
        synchronized (this) {
            local.set(status);
            sent = send();
        }
        try {
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("IMSG-1900 {} announced {}", local.identity(), status);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("IMSG-1704 {} could not announce {}: {}", local.identity(), status, e.toString());
        }
    }

    private void beat() {
        send().exceptionally(failure -> {
            log.warn("IMSG-1705 heartbeat of {} not sent: {}", local.identity(), failure.toString());
            return null;
        });
    }

    /** Synchronized so a heartbeat read before a status change is never written after its announcement. */
    private synchronized CompletableFuture<PublishResult> send() {
        Presence heartbeat = new Presence(local.identity().service(), local.identity().instance(), local.status(),
                new ArrayList<>(handledTypes), clock.instant(), version);
        return publisher.publish(settings.topic(), Message.builder(heartbeat).key(local.identity().toString()).build());
    }

    /** Stops the timer; announce DRAINING/OFFLINE before, while the publisher is still open. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
