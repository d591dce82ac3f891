package io.imsg.kafka.presence.internal;

import io.imsg.api.presence.PresenceView;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.Publisher;
import io.imsg.api.spi.RouteTable;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.internal.ClientConfigs;
import io.imsg.kafka.internal.TopicFollower;
import io.imsg.kafka.presence.PresenceSettings;
import io.imsg.kafka.topics.TopicProvisioner;
import io.imsg.schema.PresenceStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Presence of one service instance, start to end: creates the compacted topic when missing, reads
 * it into a {@link KafkaPresenceView}, sends heartbeats, and on close announces OFFLINE.
 */
public final class PresenceRuntime implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ANNOUNCE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TOPIC_RETENTION = Duration.ofDays(1);
    /** The iMSG version heartbeats report: the jar's Implementation-Version, "dev" in a source build. */
    private static final String VERSION = Optional.ofNullable(PresenceRuntime.class.getPackage()
            .getImplementationVersion()).orElse("dev");

    private final KafkaSettings kafka;
    private final PresenceSettings settings;
    private final KafkaPresenceView view;
    private final HeartbeatPublisher heartbeats;
    private final TopicFollower follower;
    private final AtomicBoolean started = new AtomicBoolean();

    /** @param routes the routes this instance handles, for the heartbeat's handled types; null for none */
    public PresenceRuntime(KafkaSettings kafka, PresenceSettings settings, EnvelopeCodec codec, Publisher publisher,
            LocalPresence local, RouteTable routes) {
        this.kafka = kafka;
        this.settings = settings;
        this.view = new KafkaPresenceView(codec, settings, Clock.systemUTC());
        this.heartbeats = new HeartbeatPublisher(publisher, settings, local, handledTypes(routes), VERSION,
                Clock.systemUTC());
        this.follower = new TopicFollower(ClientConfigs.withPassThrough(kafka, "presence"), settings.topic(),
                pollTimeout(settings), view::accept, view::expire);
    }

    public PresenceView view() {
        return view;
    }

    /** Creates the topic if needed, reads what it holds, then announces ONLINE. */
    public void start() {
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka))) {
            // Compacted to the latest heartbeat per instance, and time-bound too: instance ids change
            // on every restart, and live instances rewrite theirs every interval anyway.
            new TopicProvisioner(admin, START_TIMEOUT).ensure(Map.of(settings.topic(), 1), Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(TOPIC_RETENTION.toMillis())));
        }
        follower.start(true, START_TIMEOUT, "imsg-presence-view");
        heartbeats.start();
        started.set(true);
    }

    /** Announces DRAINING: the instance still handles what it has, but should get no new work. */
    public void draining() {
        if (!started.get()) {
            return;
        }
        heartbeats.announce(PresenceStatus.DRAINING, ANNOUNCE_TIMEOUT);
    }

    /** Announces OFFLINE and stops heartbeats and the view; the publisher must still be open. */
    @Override
    public void close() {
        try {
            heartbeats.close();
            if (started.getAndSet(false)) {
                heartbeats.announce(PresenceStatus.OFFLINE, ANNOUNCE_TIMEOUT);
            }
        } finally {
            follower.close();
        }
    }

    private static List<String> handledTypes(RouteTable routes) {
        return routes == null ? List.of()
                : routes.payloadTypes().stream().map(type -> SpecificData.get().getSchema(type).getFullName()).sorted()
                        .toList();
    }

    /** Short enough that a deadline is noticed well within one interval of passing. */
    private static Duration pollTimeout(PresenceSettings settings) {
        long millis = Math.max(20, Math.min(250, settings.interval().toMillis() / 4));
        return Duration.ofMillis(millis);
    }
}
