package io.imsg.kafka.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.kafka.testing.PacedSender;
import io.imsg.testkit.EmbeddedKafkaCluster;
import io.imsg.testkit.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On a three-node KRaft cluster (replication factor 3, {@code min.insync.replicas=2}), one
 * broker (the active controller, which also leads partitions of the topic) is killed with
 * {@code kill -9} while an iMSG publisher sends and an iMSG subscriber handles, then started
 * again on its data. Sends that fail are sent again with the same message id. Every
 * acknowledged send must be handled (0 lost), the group's lag must reach 0, and the killed
 * node must catch up into every ISR.
 *
 * <p>It starts its own {@link EmbeddedKafkaCluster}, never the shared broker of
 * {@code @ImsgKafkaTest}: it kills a node. About 45 s on two cores.
 */
class ClusterBrokerKillIT {

    private static final int PARTITIONS = 6;
    private static final int MESSAGES = 20_000;
    /**
     * About 30 s of sending, so the kill, the failover and the restarted node's catch-up all
     * happen mid-stream (a node restarts in about 11 s on two busy cores).
     */
    private static final int PER_SECOND = 650;
    private static final int SEND_WINDOW = 2_000;
    private static final double KILL_AT = 0.25;
    private static final int MAX_POLL_RECORDS = 500;
    /**
     * How long the node stays dead at least: past the failover (a controller election, then the
     * dead node fenced once its 4 s broker session expires, then new partition leaders).
     */
    private static final Duration DOWN = Duration.ofSeconds(8);
    private static final Duration AFTER_LAST_FAULT = Duration.ofSeconds(60);

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void killingABrokerOfTheClusterMidStreamLosesNoAcknowledgedMessage() throws Exception {
        ClusterRunReport report = new ClusterRunReport();
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().build().start()) {
            report.mark("cluster of 3 ready in " + cluster.lastStartupTime().toMillis() + " ms");
            String topic = TestNames.unique("cluster-kill");
            String group = TestNames.unique("cluster-kill-group");
            cluster.createTopic(topic, PARTITIONS, Map.of("min.insync.replicas", "2"));
            HandledIds handled = new HandledIds();
            try (KafkaMessaging receiver = receiver(cluster, topic, group, handled);
                    KafkaMessaging sender = sender(cluster);
                    PacedSender sends = new PacedSender(sender.publisher(), topic, MESSAGES, PER_SECOND,
                            SEND_WINDOW, id -> { });
                    GroupLag lag = new GroupLag(cluster.bootstrapServers())) {
                receiver.start();
                sender.start();
                report.mark("services started");
                sends.start();
                assertThat(sends.awaitAcknowledged((int) (MESSAGES * KILL_AT), Duration.ofMinutes(2))).isTrue();
                BrokerKill kill = BrokerKill.ofControllerLeadingPartitions(cluster, topic, report);
                kill.killAndRestart(DOWN, sends);
                verify(cluster, topic, group, handled, sends, lag, report);
            }
        }
        report.print();
    }

    private static void verify(EmbeddedKafkaCluster cluster, String topic, String group, HandledIds handled,
            PacedSender sends, GroupLag lag, ClusterRunReport report) throws Exception {
        boolean allAcknowledged = sends.awaitAll(Duration.ofMinutes(2));
        report.mark("sending done: " + sends.acknowledged() + " acknowledged, " + sends.resends()
                + " failed sends resent with the same id, " + sends.outstanding() + " futures pending");
        Set<String> acknowledged = sends.acknowledgedIds();
        boolean allHandled = handled.awaitAll(acknowledged, AFTER_LAST_FAULT);
        Optional<Duration> lagZero = lag.awaitZero(group, topic, PARTITIONS, AFTER_LAST_FAULT);
        report.mark("lag 0: " + lagZero.map(d -> "yes, " + d.toMillis() + " ms after all were handled").orElse("NO"));
        boolean healed = awaitFullIsr(cluster, topic, Duration.ofSeconds(30));
        report.mark("every partition back to 3 in-sync replicas: " + healed);
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(handled.ids());
        report.counts(acknowledged.size(), handled, sends.resends(), lost.size());

        assertThat(allAcknowledged).as("every send acknowledged in the end").isTrue();
        assertThat(sends.outstanding()).as("hung send futures").isZero();
        assertThat(lost).as("acknowledged but never handled").isEmpty();
        assertThat(allHandled).isTrue();
        assertThat(lagZero).as("lag 0 within " + AFTER_LAST_FAULT).isPresent();
        assertThat(healed).as("the restarted node caught up into every ISR").isTrue();
        // RELIABILITY.md: raw duplicates bounded by max.poll.records per kill or rebalance, plus
        // the resent ids whose first send was written after all.
        assertThat(handled.duplicates()).isLessThanOrEqualTo(2L * MAX_POLL_RECORDS + sends.resends());
    }

    private static KafkaMessaging receiver(EmbeddedKafkaCluster cluster, String topic, String group,
            HandledIds handled) {
        Router router = Router.builder()
                .route(topic, OrderPlaced.class, (message, context) -> handled.record(message.id()))
                .build();
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers(cluster.bootstrapServers())
                .service("cluster-receiver").build();
        return KafkaMessaging.builder(kafka)
                .routes(router, SubscriberSettings.builder(group).maxPollRecords(MAX_POLL_RECORDS).build())
                .meterRegistry(new SimpleMeterRegistry()).build();
    }

    /**
     * Timeouts shorter than a failover (about 5 s: the 4 s broker session, then new leaders), so
     * some sends caught by the kill fail and are sent again: the behaviour the test must survive.
     */
    private static KafkaMessaging sender(EmbeddedKafkaCluster cluster) {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers(cluster.bootstrapServers())
                .service("cluster-sender").clientProperty("request.timeout.ms", "3000").build();
        return KafkaMessaging.builder(kafka).publishes(OrderPlaced.class)
                .publisherSettings(PublisherSettings.ofDefaults().withDeliveryTimeout(Duration.ofSeconds(6)))
                .meterRegistry(new SimpleMeterRegistry()).build();
    }

    private static boolean awaitFullIsr(EmbeddedKafkaCluster cluster, String topic, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                if (cluster.underReplicatedPartitions(topic).isEmpty()) {
                    return true;
                }
            } catch (IllegalStateException e) {
                // the cluster did not answer this time; ask again
            }
            Thread.sleep(200);
        }
        return false;
    }
}
