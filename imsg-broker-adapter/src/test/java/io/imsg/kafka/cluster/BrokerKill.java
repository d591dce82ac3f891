package io.imsg.kafka.cluster;

import io.imsg.kafka.testing.PacedSender;
import io.imsg.testkit.ClusterNode;
import io.imsg.testkit.EmbeddedKafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The fault of {@link ClusterBrokerKillIT}: one node of the cluster killed with {@code kill -9},
 * left dead for a while, then started again on its data. The victim is the active controller
 * when it leads partitions of the topic (in combined mode it usually does), so one kill costs
 * both a controller election and partition leader elections; otherwise the leader of
 * partition 0.
 */
final class BrokerKill {

    /** A failover slower than this is reported as incomplete; the run goes on. */
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(20);

    private final EmbeddedKafkaCluster cluster;
    private final String topic;
    private final ClusterRunReport report;
    private final ClusterNode victim;

    private BrokerKill(EmbeddedKafkaCluster cluster, String topic, ClusterRunReport report, ClusterNode victim) {
        this.cluster = cluster;
        this.topic = topic;
        this.report = report;
        this.victim = victim;
    }

    static BrokerKill ofControllerLeadingPartitions(EmbeddedKafkaCluster cluster, String topic,
            ClusterRunReport report) {
        int controller = cluster.activeControllerId();
        Map<Integer, OptionalInt> leaders = cluster.partitionLeaders(topic);
        List<Integer> led = ledBy(leaders, controller);
        int victim = led.isEmpty() ? leaders.get(0).orElseThrow() : controller;
        report.mark("active controller: node " + controller + "; partition leaders " + leaders + "; victim: node "
                + victim + ", leader of partitions " + ledBy(leaders, victim));
        return new BrokerKill(cluster, topic, report, cluster.node(victim));
    }

    /** Kills the victim, waits for the failover and at least {@code down}, starts it again. */
    void killAndRestart(Duration down, PacedSender sends) throws InterruptedException {
        long pid = victim.pid();
        long killedAt = System.nanoTime();
        victim.kill();
        report.mark("node " + victim.id() + " (pid " + pid + ") killed with SIGKILL; " + sends.acknowledged()
                + " acknowledged, " + sends.outstanding() + " sends in flight");
        awaitLeadersMoved(killedAt, FAILOVER_LIMIT);
        long left = down.toNanos() - (System.nanoTime() - killedAt);
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        report.mark("starting node " + victim.id() + " again, " + millisSince(killedAt) + " ms after the kill; "
                + sends.acknowledged() + " acknowledged");
        victim.start();
        report.mark("node " + victim.id() + " back as pid " + victim.pid() + ", ready in "
                + victim.lastStartupTime().toMillis() + " ms; " + sends.acknowledged() + " acknowledged");
    }

    /** Reports when every partition has a leader again, none of them the dead node. */
    private void awaitLeadersMoved(long killedAt, Duration within) throws InterruptedException {
        Map<Integer, OptionalInt> leaders = Map.of();
        while (System.nanoTime() - killedAt < within.toNanos()) {
            try {
                leaders = cluster.partitionLeaders(topic);
                if (ledBy(leaders, victim.id()).isEmpty() && leaders.values().stream().allMatch(OptionalInt::isPresent)) {
                    report.mark("failover: every partition led by a live node " + millisSince(killedAt)
                            + " ms after the kill; active controller now node " + cluster.activeControllerId()
                            + "; leaders " + leaders);
                    return;
                }
            } catch (IllegalStateException e) {
                report.mark("no answer about the leaders yet: " + e.getMessage());
            }
            Thread.sleep(100);
        }
        report.mark("failover not complete " + within.toMillis() + " ms after the kill; leaders " + leaders);
    }

    private static List<Integer> ledBy(Map<Integer, OptionalInt> leaders, int node) {
        return leaders.entrySet().stream()
                .filter(entry -> entry.getValue().equals(OptionalInt.of(node)))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
