package io.imsg.kafka.fault;

import io.imsg.kafka.deadletter.DeadLetterTopics;
import io.imsg.testkit.fault.Check;
import io.imsg.testkit.fault.FailurePlan;
import io.imsg.testkit.fault.FaultRun;
import io.imsg.testkit.fault.InvariantChecker;
import io.imsg.testkit.fault.Verdict;
import java.util.List;

/**
 * The end of every fault test: gathers A from the {@code sent} ledger, P from the {@code handled}
 * ledgers and D from the dead-letter topic, computes the invariants, adds the dead-letter and
 * liveness checks, and lets the run print (and, on failure, keep) the result.
 */
final class FaultVerification {

    private FaultVerification() {}

    /**
     * @param rawDuplicateBound most raw handler duplicates the run may show
     * @param liveness the test's liveness checks (lag, producer futures, consumers alive)
     */
    static Verdict verify(FaultRun run, String bootstrapServers, String topic, FailurePlan plan,
            long rawDuplicateBound, List<Check> liveness) {
        List<String> acknowledged = run.ledger().ids("sent");
        List<String> handled = run.ledger().ids(FaultConsumers.HANDLED);
        List<DeadLetter> deadLetters = DeadLetter.readAll(bootstrapServers, DeadLetterTopics.of(topic));
        run.timeline().mark("read " + deadLetters.size() + " dead letters");
        Verdict verdict = InvariantChecker.builder()
                .acknowledged(acknowledged)
                .handled(handled)
                .deadLettered(deadLetters.stream().map(DeadLetter::id).toList())
                .rawDuplicateBound(rawDuplicateBound)
                .check()
                .and(DeadLetterFidelity.check(bootstrapServers, topic, deadLetters, plan, handled).toArray(Check[]::new))
                .and(liveness.toArray(Check[]::new));
        return run.conclude(verdict);
    }
}
