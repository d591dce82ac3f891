package io.imsg.kafka.fault;

import io.imsg.testkit.fault.Check;
import io.imsg.testkit.fault.ChildJvm;
import io.imsg.testkit.fault.ConsumerLag;
import io.imsg.testkit.fault.FaultRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The liveness checks of RELIABILITY.md, made once the faults are over: every send acknowledged
 * and no producer future left hanging; the group's lag back to 0 within 60 s of the last fault;
 * every consumer that should run still running (a {@link FaultConsumerMain} exits when its poll
 * thread dies, so alive means consuming).
 */
final class Liveness {

    static final Duration AFTER_LAST_FAULT = Duration.ofSeconds(60);
    private static final Duration PRODUCER_TIMEOUT = Duration.ofMinutes(2);

    private Liveness() {}

    static List<Check> check(FaultRun run, FaultConsumerConfig config, LedgeredProducer producer,
            List<ChildJvm> consumers) throws InterruptedException {
        List<Check> checks = new ArrayList<>();
        boolean allAcknowledged = producer.awaitAll(PRODUCER_TIMEOUT);
        run.timeline().mark("producer done: " + producer.acknowledged() + " acknowledged, " + producer.resends()
                + " resends");
        checks.add(Check.of("every send acknowledged", allAcknowledged, producer.acknowledged() + " acknowledged"));
        checks.add(Check.of("no hung producer futures", producer.outstanding() == 0,
                producer.outstanding() + " futures still pending"));
        checks.add(lagZero(run, config));
        for (ChildJvm consumer : consumers) {
            checks.add(Check.of("consumer " + consumer.name() + " still running", consumer.isAlive(),
                    consumer.isAlive() ? "pid " + consumer.pid() + " alive"
                            : "exited with " + consumer.exitStatus() + ", see " + consumer.outputFile()));
        }
        return checks;
    }

    private static Check lagZero(FaultRun run, FaultConsumerConfig config) {
        Duration left = AFTER_LAST_FAULT.minus(run.timeline().sinceLastFault());
        try (ConsumerLag lag = new ConsumerLag(config.bootstrapServers())) {
            Optional<Duration> zero = lag.awaitZero(config.group(), config.topic(),
                    left.isNegative() ? Duration.ofSeconds(1) : left);
            String detail = zero.isPresent()
                    ? "lag 0 " + run.timeline().sinceLastFault().toMillis() + " ms after the last fault"
                    : "lag still " + lag.lagOrMinusOne(config.group(), config.topic()) + " at the deadline";
            run.timeline().mark(detail);
            return Check.of("lag 0 within " + AFTER_LAST_FAULT.toSeconds() + " s of the last fault", zero.isPresent(),
                    detail);
        }
    }
}
