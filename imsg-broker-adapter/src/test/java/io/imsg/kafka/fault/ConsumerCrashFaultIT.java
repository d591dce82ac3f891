package io.imsg.kafka.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
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
 * Consuming processes (child JVMs of one group) crash with {@code kill -9} and are replaced, and
 * one is frozen with {@code kill -STOP} past its session timeout, so the group moves on without it,
 * then thawed: a zombie that finishes what it held. Nothing acknowledged may be lost; raw duplicates
 * are reported and must stay within what each fault can redo (see {@link DuplicateBound}); and no
 * effect may be applied twice: the members dedupe through a {@link JdbcIdempotencyStore} whose
 * claims commit with the effects in the {@link EffectDatabase} this JVM serves.
 *
 * <p>The broker is the shared one: nothing here harms it. The heavy tier (200,000 messages, two
 * kills) runs with {@code -Dimsg.faults.heavy=true}; {@code -Dimsg.faults.seed=<seed>} replays a run.
 */
@ImsgKafkaTest
class ConsumerCrashFaultIT {

    private static final int PARTITIONS = 6;
    private static final int MAX_POLL_RECORDS = 500;
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final int SEND_WINDOW = 2_000;
    private static final double TRANSIENT = 0.05;
    private static final double PERMANENT = 0.005;
    /** Short, so a frozen member is evicted quickly; 6 s is the broker's minimum by default. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    /** Frozen for twice the session timeout: long past eviction, then thawed. */
    private static final Duration FROZEN = SESSION_TIMEOUT.multipliedBy(2);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Handlings a member must add before a fault, to show it holds partitions and works. */
    private static final int ACTIVE_HANDLINGS = 50;

    /**
     * One run's shape: how much to send, how fast, when to kill a member, when to freeze one. The
     * rates leave room for the effect database: each handling makes five round trips to the H2
     * server in this JVM (two statements prepared and run, one commit), close to 1 ms of CPU on the
     * 2-core machine the figures come from. The stream has to outlast a replacement member's start
     * while the survivor catches up, or the freeze finds nothing left to interrupt.
     */
    private record Scenario(String name, int messages, int perSecond, List<Double> killsAt, double suspendAt) {}

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void crashedAndFrozenConsumersLoseNothingAndApplyNoEffectTwice(KafkaBroker broker) throws Exception {
        run(broker, new Scenario("consumer-crash", 20_000, 500, List.of(0.2), 0.45));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void heavyTwoHundredThousandMessagesWithTwoKillsAndAZombieLoseNothingAndApplyNoEffectTwice(KafkaBroker broker)
            throws Exception {
        HeavyFaults.assumeEnabled("./mvnw -pl imsg-broker-adapter verify -Dit.test=ConsumerCrashFaultIT"
                + " -Dimsg.faults.heavy=true");
        // The freeze comes late: lag can reach 0 only once the stream ends, which must be within 60 s of the thaw.
        run(broker, new Scenario("consumer-crash-heavy", 200_000, 1_000, List.of(0.15, 0.4), 0.8));
    }

    private void run(KafkaBroker broker, Scenario scenario) throws Exception {
        try (FaultRun run = FaultRun.start(scenario.name());
                EffectDatabase effects = EffectDatabase.create(run.dir())) {
            String topic = TestNames.unique("crash");
            broker.createTopic(topic, PARTITIONS);
            FailurePlan plan = new FailurePlan(run.seed(), TRANSIENT, PERMANENT);
            FaultConsumerConfig config = new FaultConsumerConfig(broker.bootstrapServers(), topic,
                    TestNames.unique("crash-group"), run.dir(), plan, MAX_POLL_RECORDS, MAX_IN_FLIGHT, Map.of())
                    .withClientProperty("session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()))
                    .withClientProperty("heartbeat.interval.ms", "2000");
            Members members = new Members(run, config);
            try (members; LedgeredProducer producer = new LedgeredProducer(broker.bootstrapServers(), topic,
                    run.ledger().writer("sent"), scenario.messages(), scenario.perSecond(), SEND_WINDOW)) {
                members.startReady("consumer-1");
                members.startReady("consumer-2");
                producer.start();
                for (double at : scenario.killsAt()) {
                    awaitAcknowledged(producer, scenario, at);
                    members.killOldestAndReplace();
                }
                awaitAcknowledged(producer, scenario, scenario.suspendAt());
                members.freezeOldest(FROZEN);
                List<Check> liveness = Liveness.check(run, config, producer, members.running());
                Verdict verdict = FaultVerification.verify(run, config, effects, members.faults(), producer.resends(),
                        liveness);
                assertThat(verdict.passed()).as(verdict.report()).isTrue();
            }
        }
    }

    private static void awaitAcknowledged(LedgeredProducer producer, Scenario scenario, double fraction)
            throws InterruptedException {
        int count = (int) (scenario.messages() * fraction);
        assertThat(producer.awaitAcknowledged(count, Duration.ofMinutes(2)))
                .as("%d sends acknowledged", count).isTrue();
    }

    /** The group's consuming child JVMs, oldest first; stops all of them on close. */
    private static final class Members implements AutoCloseable {

        private final FaultRun run;
        private final FaultConsumerConfig config;
        private final List<ChildJvm> running = new ArrayList<>();
        private final List<ChildJvm> all = new ArrayList<>();
        private final List<DuplicateBound.Redelivery> redeliveries = new ArrayList<>();
        private int started;

        Members(FaultRun run, FaultConsumerConfig config) {
            this.run = run;
            this.config = config;
        }

        void startReady(String name) throws InterruptedException {
            ChildJvm child = FaultConsumers.start(run, name, config);
            all.add(child);
            FaultConsumers.awaitReady(run, child, READY_TIMEOUT);
            running.add(child);
            started++;
            run.timeline().fault(name + " (pid " + child.pid() + ") joined the group");
        }

        /** Once every member is handling, kills the one that has run longest and starts another. */
        void killOldestAndReplace() throws InterruptedException {
            awaitAllHandling();
            ChildJvm victim = running.remove(0);
            redeliveries.add(DuplicateBound.Redelivery.now(victim.pid()));
            victim.kill();
            run.timeline().fault(victim.name() + " (pid " + victim.pid() + ") killed with SIGKILL after "
                    + FaultConsumers.handledBy(run, victim) + " handlings");
            startReady("consumer-" + (started + 1));
        }

        /**
         * Once every member is handling, freezes the oldest past its session timeout, then thaws
         * it: a zombie that wakes up holding records it was handling.
         */
        void freezeOldest(Duration frozen) throws InterruptedException {
            awaitAllHandling();
            ChildJvm zombie = running.get(0);
            redeliveries.add(DuplicateBound.Redelivery.now(zombie.pid()));
            zombie.suspend();
            run.timeline().fault(zombie.name() + " (pid " + zombie.pid() + ") frozen with SIGSTOP");
            Thread.sleep(frozen.toMillis());
            zombie.resume();
            run.timeline().fault(zombie.name() + " thawed with SIGCONT after " + frozen.toSeconds() + " s");
        }

        /**
         * Waits until every member handles again: after a join the group rebalances, and a fault
         * injected mid-rebalance hits a member that holds no partitions, which proves little.
         */
        private void awaitAllHandling() throws InterruptedException {
            for (ChildJvm member : running) {
                FaultConsumers.awaitHandling(run, member, ACTIVE_HANDLINGS, Duration.ofMinutes(1));
            }
            run.timeline().mark("every member is handling");
        }

        /**
         * The faults injected. Rebalances, as RELIABILITY.md counts them: per kill, the eviction
         * and the replacement's join; per freeze, the eviction and the rejoin.
         */
        FaultVerification.Faults faults() {
            int kills = started - running.size();
            int freezes = redeliveries.size() - kills;
            return new FaultVerification.Faults(List.copyOf(redeliveries), kills, 2 * kills + 2 * freezes);
        }

        List<ChildJvm> running() {
            return List.copyOf(running);
        }

        @Override
        public void close() {
            all.forEach(ChildJvm::close);
        }
    }
}
