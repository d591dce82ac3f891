package io.imsg.kafka.redrive;

/**
 * What a redrive run did. Every selected dead letter is counted once:
 * {@code selected == moved + wouldMove + skippedAlreadyRedriven + failed}.
 *
 * @param dryRun whether the run only reported what it would do
 * @param selected dead letters the filter selected, up to where the limit stopped the run
 * @param moved republished, acknowledged and recorded in the ledger; 0 in a dry run
 * @param wouldMove in a dry run, how many would have been republished; 0 otherwise
 * @param skippedAlreadyRedriven left alone because the ledger records them
 * @param failed not republished (a missing or mismatched original-topic header, a failed send)
 */
public record RedriveReport(boolean dryRun, long selected, long moved, long wouldMove, long skippedAlreadyRedriven,
        long failed) {

    /** Adds one outcome to the counts. */
    RedriveReport plus(RedriveOutcome outcome) {
        return switch (outcome.kind()) {
            case MOVED -> new RedriveReport(dryRun, selected + 1, moved + 1, wouldMove, skippedAlreadyRedriven, failed);
            case WOULD_MOVE -> new RedriveReport(dryRun, selected + 1, moved, wouldMove + 1, skippedAlreadyRedriven,
                    failed);
            case ALREADY_REDRIVEN -> new RedriveReport(dryRun, selected + 1, moved, wouldMove,
                    skippedAlreadyRedriven + 1, failed);
            case FAILED -> new RedriveReport(dryRun, selected + 1, moved, wouldMove, skippedAlreadyRedriven, failed + 1);
        };
    }

    static RedriveReport empty(boolean dryRun) {
        return new RedriveReport(dryRun, 0, 0, 0, 0, 0);
    }

    /** Dead letters republished or, in a dry run, that would be: what the limit counts. */
    long attempted() {
        return moved + wouldMove + failed;
    }
}
