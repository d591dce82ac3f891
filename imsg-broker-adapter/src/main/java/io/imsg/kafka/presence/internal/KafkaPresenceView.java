package io.imsg.kafka.presence.internal;

import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.DecodingException;
import io.imsg.api.presence.InstancePresence;
import io.imsg.api.presence.PresenceChange;
import io.imsg.api.presence.PresenceView;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.kafka.presence.PresenceSettings;
import io.imsg.schema.Presence;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PresenceView} fed by the presence topic: decodes heartbeats (hostile bytes, like any
 * record: a bad one is logged and skipped), keeps them in a {@link PresenceTable}, and tells
 * subscribers about every change, deadline expiries included.
 */
public final class KafkaPresenceView implements PresenceView {

    private static final Logger log = LoggerFactory.getLogger(KafkaPresenceView.class);

    private final EnvelopeCodec codec;
    private final PresenceTable table;
    private final Clock clock;
    private final List<Consumer<PresenceChange>> listeners = new CopyOnWriteArrayList<>();

    public KafkaPresenceView(EnvelopeCodec codec, PresenceSettings settings, Clock clock) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.table = new PresenceTable(settings.deadline());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<InstancePresence> instances() {
        return table.snapshot(clock.instant());
    }

    @Override
    public List<InstancePresence> online(String service) {
        return instances().stream().filter(p -> p.isOnline() && p.service().equals(service)).toList();
    }

    @Override
    public List<InstancePresence> onlineFor(String type) {
        return instances().stream().filter(p -> p.isOnline() && p.handledTypes().contains(type)).toList();
    }

    @Override
    public AutoCloseable subscribe(Consumer<PresenceChange> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Applies one record of the presence topic; tombstones and foreign payloads are ignored. */
    public void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        RecordOrigin origin = new RecordOrigin(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()));
        Message<SpecificRecord> message;
        try {
            message = codec.decode(record.value(), origin);
        } catch (DecodingException e) {
            log.warn("IMSG-1706 {} on the presence topic cannot be decoded; skipped: {}", origin, e.toString());
            return;
        }
        if (!(message.payload() instanceof Presence heartbeat)) {
            log.warn("IMSG-1902 {} on the presence topic is a {}, not a Presence; skipped", origin, message.type());
            return;
        }
        table.apply(toPresence(heartbeat), clock.instant()).ifPresent(this::publish);
    }

    /** Reports instances whose deadline passed; called after every poll. */
    public void expire() {
        table.expire(clock.instant()).forEach(this::publish);
    }

    private void publish(PresenceChange change) {
        InstancePresence current = change.current();
        log.info("IMSG-1901 {}/{} is {} (was {})", current.service(), current.instance(), current.status(),
                change.previous());
        for (Consumer<PresenceChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("IMSG-1703 a presence listener failed: {}", e.toString());
            }
        }
    }

    private static InstancePresence toPresence(Presence heartbeat) {
        return new InstancePresence(heartbeat.getService(), heartbeat.getInstance(), heartbeat.getStatus(),
                java.util.Set.copyOf(heartbeat.getHandledTypes()), heartbeat.getLastSeen(), heartbeat.getImsgVersion());
    }
}
