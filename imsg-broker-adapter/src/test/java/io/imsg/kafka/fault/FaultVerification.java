package io.imsg.kafka.fault;

import io.imsg.kafka.deadletter.DeadLetterTopics;
import io.imsg.testkit.fault.Check;
import io.imsg.testkit.fault.FaultRun;
import io.imsg.testkit.fault.InvariantChecker;
import io.imsg.testkit.fault.Verdict;
import java.util.List;

/**
 * The end of every fault test: gathers A from the {@code sent} ledger, P from the {@code handled}
 * ledgers, D from the dead-letter topic and E from the {@link EffectDatabase}, computes the
 * invariants, adds the dead-letter and liveness checks, and lets the run print (and, on failure,
 * keep) the result.
 */
final class FaultVerification {

    /**
     * The faults a run injected, as the duplicate bounds count them.
     *
     * @param redeliveries member crashes, member freezes and broker kills: faults after which a
     *     member's handled but uncommitted work may be done again
     * @param kills process kills, for RELIABILITY.md's formula
     * @param rebalances group rebalances, joins included, for RELIABILITY.md's formula
     */
    record Faults(List<DuplicateBound.Redelivery> redeliveries, int kills, int rebalances) {}

    private FaultVerification() {}

    /**
     * @param effects the run's database, which the consumers have stopped writing to
     * @param resends ids the producer sent again
     * @param liveness the test's liveness checks (lag, producer futures, consumers alive)
     */
    static Verdict verify(FaultRun run, FaultConsumerConfig config, EffectDatabase effects, Faults faults,
            long resends, List<Check> liveness) {
        List<String> acknowledged = run.ledger().ids("sent");
        List<String> handled = run.ledger().ids(FaultConsumers.HANDLED);
        List<DeadLetter> deadLetters = DeadLetter.readAll(config.bootstrapServers(),
                DeadLetterTopics.of(config.topic()));
        run.timeline().mark("read " + deadLetters.size() + " dead letters");
        DuplicateBound bound = DuplicateBound.of(run.ledger(), config, faults.redeliveries(), faults.kills(),
                faults.rebalances(), resends);
        Verdict verdict = InvariantChecker.builder()
                .acknowledged(acknowledged)
                .handled(handled)
                .deadLettered(deadLetters.stream().map(DeadLetter::id).toList())
                .rawDuplicateBound(bound.enforced())
                .effects(effects.effectIds())
                .check()
                .and(DeadLetterFidelity.check(config.bootstrapServers(), config.topic(), deadLetters, config.plan(),
                        handled).toArray(Check[]::new))
                .and(liveness.toArray(Check[]::new));
        boolean documentedHeld = verdict.rawDuplicates() <= bound.documented();
        verdict = verdict
                .note("raw duplicate bound " + bound.enforced() + " = " + bound.explanation())
                .note("RELIABILITY.md bound max.poll.records × (kills + rebalances) = " + config.maxPollRecords()
                        + " × (" + faults.kills() + " + " + faults.rebalances() + ") = " + bound.documented() + ": "
                        + (documentedHeld ? "held" : "EXCEEDED") + " (reported, not enforced)");
        return run.conclude(verdict);
    }
}
