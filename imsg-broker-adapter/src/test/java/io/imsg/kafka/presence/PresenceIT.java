package io.imsg.kafka.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.presence.InstancePresence;
import io.imsg.api.presence.PresenceChange;
import io.imsg.api.presence.PresenceView;
import io.imsg.api.presence.SendPolicy;
import io.imsg.api.presence.TargetOfflineException;
import io.imsg.api.spi.PublishResult;
import io.imsg.api.spi.Publisher;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.schema.PresenceStatus;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import io.imsg.testkit.fault.ChildJvm;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presence between real processes: a service in a child JVM is watched from this one while it
 * starts, is killed with SIGKILL, or stops cleanly; and the send policies meet its absence.
 */
@ImsgKafkaTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PresenceIT {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    /** The view checks deadlines after every poll, at most this long apart (interval / 4). */
    private static final Duration VIEW_TICK = Duration.ofMillis(250);

    @TempDir
    Path dir;

    @Test
    void aServiceProcessIsOnlineWithinTwoIntervalsStaysOnlineAndIsOfflineWithinTheDeadlineAfterKill9(
            KafkaBroker broker) throws Exception {
        Setup setup = setup(broker);
        try (KafkaMessaging watcher = setup.watcher(broker, SendPolicy.sendAnyway());
                ChildJvm child = setup.child(broker, "inventory-1")) {
            Watch watch = Watch.on(watcher.presence().orElseThrow(), setup.service);

            long started = awaitStarted(child);
            PresenceChange online = watch.awaitStatus(PresenceStatus.ONLINE, Duration.ofSeconds(60));
            assertThat(online.current().handledTypes()).containsExactly(OrderPlaced.getClassSchema().getFullName());
            assertThat(online.current().imsgVersion()).isNotBlank();
            assertThat(watch.seenAt(online) - started).as("ms from the child's start() to ONLINE here")
                    .isLessThanOrEqualTo(2 * INTERVAL.toMillis());
            assertThat(watcher.presence().orElseThrow().onlineFor(OrderPlaced.getClassSchema().getFullName()))
                    .extracting(InstancePresence::instance).containsExactly("inventory-1");

            Thread.sleep(DEADLINE.toMillis() + INTERVAL.toMillis()); // longer than a deadline: heartbeats keep it
            assertThat(watch.statuses()).as("no flapping while it runs").containsExactly(PresenceStatus.ONLINE);

            child.kill();
            long killed = System.currentTimeMillis();
            PresenceChange offline = watch.awaitStatus(PresenceStatus.OFFLINE, Duration.ofSeconds(30));
            assertThat(watch.seenAt(offline) - killed).as("ms from kill -9 to OFFLINE here")
                    .isLessThanOrEqualTo(DEADLINE.plus(VIEW_TICK).toMillis());
            assertThat(watcher.presence().orElseThrow().isOnline(setup.service)).isFalse();
        }
    }

    @Test
    void aCleanStopIsSeenAsDrainingThenOfflineBeforeAnyDeadline(KafkaBroker broker) throws Exception {
        Setup setup = setup(broker);
        try (KafkaMessaging watcher = setup.watcher(broker, SendPolicy.sendAnyway());
                ChildJvm child = setup.child(broker, "inventory-2")) {
            Watch watch = Watch.on(watcher.presence().orElseThrow(), setup.service);
            watch.awaitStatus(PresenceStatus.ONLINE, Duration.ofSeconds(60));

            long stopping = System.currentTimeMillis();
            child.stop(Duration.ofSeconds(30));

            assertThat(child.exitStatus()).hasValue(128 + 15);
            PresenceChange offline = watch.awaitStatus(PresenceStatus.OFFLINE, Duration.ofSeconds(30));
            assertThat(watch.statuses()).containsExactly(PresenceStatus.ONLINE, PresenceStatus.DRAINING,
                    PresenceStatus.OFFLINE);
            PresenceChange draining = watch.changes.get(1);
            assertThat(offline.current().lastSeen()).as("an announced OFFLINE, not an expired DRAINING")
                    .isAfterOrEqualTo(draining.current().lastSeen());
            assertThat(watch.seenAt(offline) - stopping).isLessThan(DEADLINE.toMillis() + 5_000);
        }
    }

    @Test
    void eachSendPolicyDoesWhatItSaysWhenTheTargetProcessIsOffline(KafkaBroker broker) throws Exception {
        Setup setup = setup(broker);
        String topic = TestNames.unique("invoices");
        String fallbackTopic = topic + ".offline";
        broker.createTopic(topic, 1);
        broker.createTopic(fallbackTopic, 1);
        MeterRegistry registry = new SimpleMeterRegistry();
        try (KafkaMessaging watcher = setup.watcher(broker, SendPolicy.failFast());
                ChildJvm child = setup.child(broker, "inventory-3");
                KafkaPublisher raw = KafkaPublisher.create(setup.kafka(broker, "raw"), PublisherSettings.ofDefaults(),
                        watcher.codec(), registry)) {
            PresenceView view = watcher.presence().orElseThrow();
            Watch watch = Watch.on(view, setup.service);
            watch.awaitStatus(PresenceStatus.ONLINE, Duration.ofSeconds(60));
            watcher.publisher().publish(topic, order("while-online", setup.service)).join();

            child.kill();
            watch.awaitStatus(PresenceStatus.OFFLINE, Duration.ofSeconds(30));

            assertThatThrownBy(() -> watcher.publisher().publish(topic, order("fail-fast", setup.service)).join())
                    .as("KafkaMessaging's publisher, fail fast for this target")
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(TargetOfflineException.class);
            policy(raw, view, registry, SendPolicy.sendAnyway()).publish(topic, order("anyway", setup.service)).join();
            policy(raw, view, registry, SendPolicy.fallbackTopic(fallbackTopic))
                    .publish(topic, order("to-fallback", setup.service)).join();
            List<Message<?>> handedOver = new CopyOnWriteArrayList<>();
            policy(raw, view, registry, SendPolicy.fallback((t, message) -> {
                handedOver.add(message);
                return CompletableFuture.completedFuture(new PublishResult("sms", 0, 0, message.id()));
            })).publish(topic, order("to-handler", setup.service)).join();

            assertThat(orderIds(broker, topic, 2)).containsExactly("while-online", "anyway");
            assertThat(orderIds(broker, fallbackTopic, 1)).containsExactly("to-fallback");
            assertThat(handedOver).extracting(m -> ((OrderPlaced) m.payload()).getOrderId()).containsExactly("to-handler");
            MeterRegistry watcherMeters = setup.watcherRegistry;
            assertThat(watcherMeters.get("imsg.presence.sends").tag("path", "online").counter().count()).isEqualTo(1);
            assertThat(watcherMeters.get("imsg.presence.sends").tag("path", "fail_fast").counter().count()).isEqualTo(1);
            for (String path : List.of("send_anyway", "fallback_topic", "fallback_handler")) {
                assertThat(registry.get("imsg.presence.sends").tag("target", setup.service).tag("path", path)
                        .counter().count()).as(path).isEqualTo(1);
            }
        }
    }

    @Test
    void everyPublishedRecordCarriesTheSendersInstanceAndPresenceStatus(KafkaBroker broker) throws Exception {
        Setup setup = setup(broker);
        String topic = TestNames.unique("stamped");
        broker.createTopic(topic, 1);
        try (KafkaMessaging watcher = setup.watcher(broker, SendPolicy.sendAnyway())) {
            watcher.publisher().publish(topic, Message.of(new OrderPlaced("o", "sku", 1, false))).join();

            ConsumerRecord<byte[], byte[]> record = read(broker, topic, 1).get(0);
            assertThat(header(record, ImsgHeaders.INSTANCE)).isEqualTo("watcher-1");
            assertThat(header(record, ImsgHeaders.PRESENCE)).isEqualTo("ONLINE");
        }
    }

    private static Publisher policy(Publisher raw, PresenceView view, MeterRegistry registry, SendPolicy policy) {
        return PresenceAwarePublisher.builder(raw, view, registry).defaultPolicy(policy).build();
    }

    private static Message<OrderPlaced> order(String id, String target) {
        return Message.builder(new OrderPlaced(id, "sku", 1, false)).target(target).build();
    }

    private static long awaitStarted(ChildJvm child) {
        await().atMost(Duration.ofSeconds(60)).until(() -> child.outputTail(200).contains("PRESENCE-SERVICE-STARTED"));
        String tail = child.outputTail(200);
        String line = tail.substring(tail.indexOf("PRESENCE-SERVICE-STARTED"));
        return Long.parseLong(line.split("\\s+")[1]);
    }

    private List<String> orderIds(KafkaBroker broker, String topic, int expected) {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : read(broker, topic, expected)) {
            ids.add(((OrderPlaced) setupCodec.decode(record.value(), null).payload()).getOrderId());
        }
        return ids;
    }

    private io.imsg.api.spi.EnvelopeCodec setupCodec;

    private static List<ConsumerRecord<byte[], byte[]>> read(KafkaBroker broker, String topic, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("group.id", "raw-" + System.nanoTime());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(300)).forEach(records::add); // one more poll shows extras
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Setup setup(KafkaBroker broker) {
        Setup setup = new Setup(TestNames.unique("presence"), TestNames.unique("inventory"), TestNames.unique("orders"),
                new SimpleMeterRegistry());
        broker.createTopic(setup.routedTopic, 1);
        return setup;
    }

    /** Names shared by the watcher and the child of one test. */
    private final class Setup {
        final String presenceTopic;
        final String service;
        final String routedTopic;
        final MeterRegistry watcherRegistry;

        Setup(String presenceTopic, String service, String routedTopic, MeterRegistry watcherRegistry) {
            this.presenceTopic = presenceTopic;
            this.service = service;
            this.routedTopic = routedTopic;
            this.watcherRegistry = watcherRegistry;
        }

        KafkaSettings kafka(KafkaBroker broker, String instance) {
            return KafkaSettings.builder().bootstrapServers(broker.bootstrapServers()).service("watcher")
                    .instance(instance).build();
        }

        KafkaMessaging watcher(KafkaBroker broker, SendPolicy policyForChild) {
            KafkaMessaging messaging = KafkaMessaging.builder(kafka(broker, "watcher-1"))
                    .presence(settings()).sendPolicy(service, policyForChild).publishes(OrderPlaced.class)
                    .meterRegistry(watcherRegistry).build();
            messaging.start();
            setupCodec = messaging.codec();
            return messaging;
        }

        ChildJvm child(KafkaBroker broker, String instance) {
            return ChildJvm.builder(PresenceServiceMain.class.getName()).name(instance).outputDir(dir).heap("128m")
                    .arg(broker.bootstrapServers()).arg(service).arg(instance).arg(presenceTopic)
                    .arg(Long.toString(INTERVAL.toMillis())).arg(Long.toString(DEADLINE.toMillis())).arg(routedTopic)
                    .start();
        }

        PresenceSettings settings() {
            return PresenceSettings.ofDefaults().withTopic(presenceTopic).withTiming(INTERVAL, DEADLINE);
        }
    }

    /** The changes of one service seen by a view, with the time each was seen. */
    private static final class Watch {
        final List<PresenceChange> changes = new CopyOnWriteArrayList<>();
        final List<Long> seenAt = new CopyOnWriteArrayList<>();

        static Watch on(PresenceView view, String service) {
            Watch watch = new Watch();
            view.subscribe(change -> {
                if (change.current().service().equals(service)) {
                    watch.seenAt.add(System.currentTimeMillis());
                    watch.changes.add(change);
                }
            });
            return watch;
        }

        PresenceChange awaitStatus(PresenceStatus status, Duration timeout) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(() -> changes.stream().anyMatch(c -> c.current().status() == status));
            return changes.stream().filter(c -> c.current().status() == status).findFirst().orElseThrow();
        }

        long seenAt(PresenceChange change) {
            return seenAt.get(changes.indexOf(change));
        }

        List<PresenceStatus> statuses() {
            return changes.stream().map(c -> c.current().status()).toList();
        }
    }
}
