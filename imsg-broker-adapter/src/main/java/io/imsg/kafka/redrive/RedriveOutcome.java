package io.imsg.kafka.redrive;

import java.util.Objects;
import java.util.Optional;

/**
 * What a redrive did with one selected dead letter, reported to a listener as it happens.
 *
 * @param target where it was republished, {@code orders-1@57}; present for {@link Kind#MOVED}
 * @param reason why it failed; present for {@link Kind#FAILED}
 */
public record RedriveOutcome(DeadLetter letter, Kind kind, Optional<String> target, Optional<String> reason) {

    public enum Kind {
        /** Republished to its original topic, acknowledged, and recorded in the ledger. */
        MOVED,
        /** A dry run: it would have been republished. */
        WOULD_MOVE,
        /** The ledger holds it: redriven by an earlier run, not republished again. */
        ALREADY_REDRIVEN,
        /** Not republished: see the reason. It stays out of the ledger, so a later run tries it again. */
        FAILED
    }

    public RedriveOutcome {
        Objects.requireNonNull(letter, "letter");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
    }

    static RedriveOutcome moved(DeadLetter letter, String target) {
        return new RedriveOutcome(letter, Kind.MOVED, Optional.of(target), Optional.empty());
    }

    static RedriveOutcome of(DeadLetter letter, Kind kind) {
        return new RedriveOutcome(letter, kind, Optional.empty(), Optional.empty());
    }

    static RedriveOutcome failed(DeadLetter letter, String reason) {
        return new RedriveOutcome(letter, Kind.FAILED, Optional.empty(), Optional.of(reason));
    }
}
