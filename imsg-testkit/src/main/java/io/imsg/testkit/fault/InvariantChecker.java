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
 * found in the dead-letter topic (with repetitions); and, when the run kept its handler's effects
 * in a durable store, E, the id of each effect applied (with repetitions).
 *
 * <ul>
 *   <li>lost = A \ (P ∪ D) must be empty: nothing acknowledged is ever lost;
 *   <li>both = P ∩ D must be empty: a message is handled or dead-lettered, never both;
 *   <li>raw duplicates (handlings beyond the first per id) must stay within the bound the test
 *       gives, derived from {@code max.poll.records} and the faults it injected;
 *   <li>with E: effective duplicates (effects beyond the first per id) must be 0, and so must
 *       A \ (E ∪ D): a message counted as handled whose effect never became durable is lost too.
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
    /** Null when the run kept no effects, so effective duplicates were not measured. */
    private final Map<String, Integer> effects;

    private InvariantChecker(Builder b) {
        this.acknowledged = new HashSet<>(b.acknowledged);
        this.handled = counts(b.handled);
        this.deadLettered = counts(b.deadLettered);
        this.rawDuplicateBound = b.rawDuplicateBound;
        this.effects = b.effects == null ? null : counts(b.effects);
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
        OptionalLong effectiveDuplicates = OptionalLong.empty();
        if (effects != null) {
            long doubled = beyondFirst(effects);
            effectiveDuplicates = OptionalLong.of(doubled);
            checks.add(Check.of("effective duplicates = 0", doubled == 0, doubled + " effective duplicates"));
            long noEffect = acknowledged.stream()
                    .filter(id -> !effects.containsKey(id) && !deadLettered.containsKey(id)).count();
            checks.add(Check.of("lost effects: A \\ (E ∪ D) = 0", noEffect == 0, noEffect + " without an effect"));
        }
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
        private Collection<String> effects;

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

        /**
         * E: one id per effect found in the handler's durable store, repetitions included; without
         * it, effective duplicates are not measured.
         */
        public Builder effects(Collection<String> ids) {
            this.effects = Objects.requireNonNull(ids, "effects");
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
