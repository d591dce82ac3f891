package io.imsg.kafka.redrive;

import io.imsg.kafka.lanes.PriorityLanes;

import io.imsg.api.header.ImsgHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One redrive run's decisions and counts: each selected dead letter is skipped (in the ledger),
 * failed (its origin cannot be trusted), reported (dry run) or batched for the {@link Republisher}.
 * Used by one thread, once.
 */
final class RedriveRun {

    private static final Logger log = LoggerFactory.getLogger(RedriveRun.class);

    private final String routedTopic;
    private final RedriveRequest request;
    private final RedriveLedger ledger;
    private final Republisher republisher;
    private final int batchSize;
    private final Consumer<? super RedriveOutcome> listener;
    private final List<DeadLetter> batch = new ArrayList<>();
    private RedriveReport report;

    RedriveRun(String routedTopic, RedriveRequest request, RedriveLedger ledger, Republisher republisher,
            int batchSize, Consumer<? super RedriveOutcome> listener) {
        this.routedTopic = routedTopic;
        this.request = request;
        this.ledger = ledger;
        this.republisher = republisher;
        this.batchSize = batchSize;
        this.listener = listener;
        this.report = RedriveReport.empty(request.dryRun());
    }

    /** False once the limit is reached, counting what is batched but not yet sent. */
    boolean wantsMore() {
        return report.attempted() + batch.size() < request.limit();
    }

    /** Decides what happens to a dead letter the filter selected. */
    void take(DeadLetter letter) {
        if (ledger.contains(letter)) {
            emit(RedriveOutcome.of(letter, RedriveOutcome.Kind.ALREADY_REDRIVEN));
            return;
        }
        Optional<String> untrusted = untrustedOrigin(letter);
        if (untrusted.isPresent()) {
            emit(RedriveOutcome.failed(letter, untrusted.get()));
        } else if (request.dryRun()) {
            emit(RedriveOutcome.of(letter, RedriveOutcome.Kind.WOULD_MOVE));
        } else {
            batch.add(letter);
            if (batch.size() >= batchSize) {
                flush();
            }
        }
    }

    /** Moves what is batched; the report is final afterwards. */
    RedriveReport finish() {
        flush();
        return report;
    }

    RedriveReport report() {
        return report;
    }

    private void flush() {
        if (!batch.isEmpty()) {
            republisher.move(List.copyOf(batch), routedTopic).forEach(this::emit);
            batch.clear();
        }
    }

    private void emit(RedriveOutcome outcome) {
        if (outcome.kind() == RedriveOutcome.Kind.FAILED) {
            log.warn("IMSG-1403 dead letter {} not redriven: {}", outcome.letter().coordinates(),
                    outcome.reason().orElse("?"));
        }
        report = report.plus(outcome);
        listener.accept(outcome);
    }

    /**
     * A dead letter goes back only to the topic its dead-letter topic belongs to, and only when its
     * header agrees: headers are hostile input, and a forged one must not steer a redrive elsewhere.
     */
    private Optional<String> untrustedOrigin(DeadLetter letter) {
        Optional<String> original = letter.failure().originalTopic();
        if (original.isEmpty()) {
            return Optional.of("it has no " + ImsgHeaders.DLT_ORIGINAL_TOPIC + " header");
        }
        if (!original.get().equals(routedTopic) && !original.get().equals(PriorityLanes.laneOf(routedTopic))) {
            return Optional.of("its " + ImsgHeaders.DLT_ORIGINAL_TOPIC + " header names another topic than "
                    + routedTopic + ", the topic of " + letter.topic());
        }
        return Optional.empty();
    }
}
