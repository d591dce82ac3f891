package io.imsg.testkit.fault;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Computes the delivery invariants of RELIABILITY.md from what a fault run observed: A, the ids
 * the producer saw acknowledged; P, the ids of successful handlings (with repetitions); D, the ids
 * found in the dead-letter topic (with repetitions).
 *
 * <ul>
 *   <li>lost = A \ (P ∪ D) must be empty: nothing acknowledged is ever lost;
 *   <li>both = P ∩ D must be empty: a message is handled or dead-lettered, never both;
 *   <li>raw duplicates (handlings beyond the first per id) must stay within the bound the test
 *       gives, derived from {@code max.poll.records} and the faults it injected;
 *   <li>effective duplicates, when the test measured them, must be 0.
 * </ul>
 *
 * <pre>{@code
 * Verdict verdict = InvariantChecker.builder()
 *         .acknowledged(ledger.ids("sent"))
 *         .handled(ledger.ids("handled"))
 *         .deadLettered(deadLetterIds)
 *         .rawDuplicateBound(500L * (kills + rebalances))
 *         .check();
 * }</pre>
 */
public final class InvariantChecker {

    private final Set<String> acknowledged;
    private final Map<String, Integer> handled;
    private final Map<String, Integer> deadLettered;
    private final long rawDuplicateBound;
    private final OptionalLong effectiveDuplicates;

    private InvariantChecker(Builder b) {
        this.acknowledged = new HashSet<>(b.acknowledged);
        this.handled = counts(b.handled);
        this.deadLettered = counts(b.deadLettered);
        this.rawDuplicateBound = b.rawDuplicateBound;
        this.effectiveDuplicates = b.effectiveDuplicates;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Computes the counts and the core checks. */
    public Verdict check() {
        List<String> lost = acknowledged.stream()
                .filter(id -> !handled.containsKey(id) && !deadLettered.containsKey(id)).sorted().toList();
        List<String> both = handled.keySet().stream().filter(deadLettered::containsKey).sorted().toList();
        long rawDuplicates = beyondFirst(handled);
        long deadLetterDuplicates = beyondFirst(deadLettered);
        Set<String> delivered = new HashSet<>(handled.keySet());
        delivered.addAll(deadLettered.keySet());
        delivered.removeAll(acknowledged);

        List<Check> checks = new ArrayList<>();
        checks.add(Check.of("lost: A \\ (P ∪ D) = 0", lost.isEmpty(), lost.size() + " lost"));
        checks.add(Check.of("handled and dead-lettered: P ∩ D = 0", both.isEmpty(), both.size() + " both"));
        if (rawDuplicateBound >= 0) {
            checks.add(Check.of("raw handler duplicates <= " + rawDuplicateBound,
                    rawDuplicates <= rawDuplicateBound, rawDuplicates + " raw duplicates"));
        }
        effectiveDuplicates.ifPresent(n -> checks.add(
                Check.of("effective duplicates = 0", n == 0, n + " effective duplicates")));
        return new Verdict(acknowledged.size(), handled.size(), deadLettered.size(), lost, both, rawDuplicates,
                deadLetterDuplicates, effectiveDuplicates, delivered.size(), checks, List.of());
    }

    private static Map<String, Integer> counts(Collection<String> ids) {
        Map<String, Integer> counts = new HashMap<>(ids.size() * 2);
        ids.forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }

    private static long beyondFirst(Map<String, Integer> counts) {
        return counts.values().stream().mapToLong(n -> n - 1L).sum();
    }

    /** What the run observed; A, P and D are required. Not thread-safe. */
    public static final class Builder {

        private Collection<String> acknowledged;
        private Collection<String> handled;
        private Collection<String> deadLettered;
        private long rawDuplicateBound = -1;
        private OptionalLong effectiveDuplicates = OptionalLong.empty();

        private Builder() {}

        /** A: ids the producer saw acknowledged by the broker. */
        public Builder acknowledged(Collection<String> ids) {
            this.acknowledged = Objects.requireNonNull(ids, "acknowledged");
            return this;
        }

        /** P: one id per successful handling, repetitions included. */
        public Builder handled(Collection<String> ids) {
            this.handled = Objects.requireNonNull(ids, "handled");
            return this;
        }

        /** D: one id per record in the dead-letter topic, repetitions included. */
        public Builder deadLettered(Collection<String> ids) {
            this.deadLettered = Objects.requireNonNull(ids, "deadLettered");
            return this;
        }

        /** Most raw duplicates the run may show; without it they are only reported. */
        public Builder rawDuplicateBound(long bound) {
            if (bound < 0) {
                throw new IllegalArgumentException("rawDuplicateBound must be >= 0, was " + bound);
            }
            this.rawDuplicateBound = bound;
            return this;
        }

        /** How many ids had their effect applied more than once despite the idempotency store. */
        public Builder effectiveDuplicates(long count) {
            if (count < 0) {
                throw new IllegalArgumentException("effectiveDuplicates must be >= 0, was " + count);
            }
            this.effectiveDuplicates = OptionalLong.of(count);
            return this;
        }

        public InvariantChecker build() {
            Objects.requireNonNull(acknowledged, "acknowledged ids (A) are required");
            Objects.requireNonNull(handled, "handled ids (P) are required");
            Objects.requireNonNull(deadLettered, "dead-lettered ids (D) are required");
            return new InvariantChecker(this);
        }

        /** Shorthand for {@code build().check()}. */
        public Verdict check() {
            return build().check();
        }
    }
}
