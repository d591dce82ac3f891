package io.imsg.kafka.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.testkit.EmbeddedKafka;
import io.imsg.testkit.TestNames;
import io.imsg.testkit.fault.Check;
import io.imsg.testkit.fault.ChildJvm;
import io.imsg.testkit.fault.FailurePlan;
import io.imsg.testkit.fault.FaultRun;
import io.imsg.testkit.fault.HeavyFaults;
import io.imsg.testkit.fault.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker is killed with {@code kill -9} mid-stream, while sends and handlings are in flight,
 * and restarted on the same log directory; handlers fail at random (seeded). Nothing acknowledged
 * may be lost, nothing may be both handled and dead-lettered, dead letters keep their bytes, no
 * effect is applied twice (see {@link EffectDatabase}), and the consumer (a child JVM) catches up
 * to lag 0 within 60 s of the last fault.
 *
 * <p>The broker is this test's own {@link EmbeddedKafka}, never the shared one: it gets killed.
 * The fast tier runs in every {@code verify}; the heavy one (200,000 messages, two kills) runs
 * with {@code -Dimsg.faults.heavy=true}. {@code -Dimsg.faults.seed=<seed>} replays a run.
 */
class BrokerKillFaultIT {

    private static final int PARTITIONS = 6;
    private static final int MAX_POLL_RECORDS = 500;
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final int SEND_WINDOW = 2_000;
    private static final double TRANSIENT = 0.05;
    private static final double PERMANENT = 0.005;
    /** How long the broker stays dead before it is started again. */
    private static final Duration DOWN = Duration.ofSeconds(3);

    /** One run's shape: how much to send, how fast, and at which fractions of it to kill the broker. */
    private record Scenario(String name, int messages, int perSecond, List<Double> killsAt) {}

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void brokerKilledAndRestartedMidStreamLosesNothingAcknowledged() throws Exception {
        run(new Scenario("broker-kill", 20_000, 1_500, List.of(0.4)));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void heavyTwoHundredThousandMessagesWithTwoBrokerKillsLoseNothingAcknowledged() throws Exception {
        HeavyFaults.assumeEnabled("./mvnw -pl imsg-broker-adapter verify -Dit.test=BrokerKillFaultIT"
                + " -Dimsg.faults.heavy=true");
        // 1,500/s, like the fast tier: every handling commits its effect and its idempotency claim in
        // H2 (close to 1 ms of CPU on this 2-core machine), so 5,000/s would only build lag.
        run(new Scenario("broker-kill-heavy", 200_000, 1_500, List.of(0.3, 0.65)));
    }

    private void run(Scenario scenario) throws Exception {
        try (FaultRun run = FaultRun.start(scenario.name());
                EffectDatabase effects = EffectDatabase.create(run.dir());
                EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            run.timeline().mark("broker ready, pid " + kafka.pid());
            String topic = TestNames.unique("faults");
            kafka.createTopic(topic, PARTITIONS);
            FailurePlan plan = new FailurePlan(run.seed(), TRANSIENT, PERMANENT);
            FaultConsumerConfig config = new FaultConsumerConfig(kafka.bootstrapServers(), topic,
                    TestNames.unique("fault-group"), run.dir(), plan, MAX_POLL_RECORDS, MAX_IN_FLIGHT, Map.of());
            try (ChildJvm consumer = FaultConsumers.start(run, "consumer-1", config);
                    LedgeredProducer producer = new LedgeredProducer(kafka.bootstrapServers(), topic,
                            run.ledger().writer("sent"), scenario.messages(), scenario.perSecond(), SEND_WINDOW)) {
                FaultConsumers.awaitReady(run, consumer, Duration.ofSeconds(60));
                run.timeline().mark("consumer ready, pid " + consumer.pid());
                producer.start();
                List<DuplicateBound.Redelivery> redeliveries = new ArrayList<>();
                for (double at : scenario.killsAt()) {
                    redeliveries.add(killAndRestart(run, kafka, producer, consumer, (int) (scenario.messages() * at)));
                }
                List<Check> liveness = Liveness.check(run, config, producer, List.of(consumer));
                // Each broker kill may make the consumer lose its partitions and rejoin: RELIABILITY.md
                // counts it as one kill and one rebalance.
                FaultVerification.Faults faults = new FaultVerification.Faults(redeliveries, redeliveries.size(),
                        redeliveries.size());
                Verdict verdict = FaultVerification.verify(run, config, effects, faults, producer.resends(), liveness);
                assertThat(verdict.passed()).as(verdict.report()).isTrue();
            }
        }
    }

    /** Kills the broker once {@code afterAcks} sends were acknowledged, and starts it again. */
    private static DuplicateBound.Redelivery killAndRestart(FaultRun run, EmbeddedKafka kafka,
            LedgeredProducer producer, ChildJvm consumer, int afterAcks) throws InterruptedException {
        assertThat(producer.awaitAcknowledged(afterAcks, Duration.ofMinutes(2)))
                .as("%d sends acknowledged before the kill", afterAcks).isTrue();
        long pid = kafka.pid();
        DuplicateBound.Redelivery redelivery = DuplicateBound.Redelivery.now(consumer.pid());
        kafka.kill();
        run.timeline().fault("broker pid " + pid + " killed with SIGKILL; " + producer.acknowledged()
                + " acknowledged, " + producer.outstanding() + " sends in flight");
        Thread.sleep(DOWN.toMillis());
        kafka.start();
        run.timeline().fault("broker restarted as pid " + kafka.pid() + " in " + kafka.lastStartupTime().toMillis()
                + " ms");
        return redelivery;
    }
}
