package io.imsg.testkit.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The result of a fault run: the counts behind RELIABILITY.md's invariants and every check made
 * on them. Immutable; {@link #and} adds the checks only a test can make (dead-letter fidelity,
 * liveness).
 *
 * @param acknowledged |A|, distinct ids the producer saw acknowledged
 * @param handled |P|, distinct ids with at least one successful handling
 * @param deadLettered |D|, distinct ids in the dead-letter topic
 * @param lost A \ (P ∪ D), sorted
 * @param both P ∩ D, sorted
 * @param rawDuplicates successful handlings beyond the first of each id
 * @param deadLetterDuplicates dead letters beyond the first of each id
 * @param effectiveDuplicates ids whose effect was applied more than once after the idempotency
 *     store, when the test measured it
 * @param unacknowledgedButDelivered ids in P ∪ D the producer never saw acknowledged (a send
 *     that reached the broker although its future failed); legal, reported for insight
 * @param checks every check made, in order
 * @param notes figures reported without a pass or fail, such as how a bound was derived
 */
public record Verdict(long acknowledged, long handled, long deadLettered, List<String> lost, List<String> both,
        long rawDuplicates, long deadLetterDuplicates, OptionalLong effectiveDuplicates,
        long unacknowledgedButDelivered, List<Check> checks, List<String> notes) {

    private static final int IDS_SHOWN = 20;

    public Verdict {
        lost = List.copyOf(lost);
        both = List.copyOf(both);
        Objects.requireNonNull(effectiveDuplicates, "effectiveDuplicates");
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
    }

    /** This verdict with {@code more} checks appended. */
    public Verdict and(Check... more) {
        List<Check> all = new ArrayList<>(checks);
        all.addAll(List.of(more));
        return new Verdict(acknowledged, handled, deadLettered, lost, both, rawDuplicates, deadLetterDuplicates,
                effectiveDuplicates, unacknowledgedButDelivered, all, notes);
    }

    /** This verdict with one more note, reported but never failing the run. */
    public Verdict note(String note) {
        List<String> all = new ArrayList<>(notes);
        all.add(Objects.requireNonNull(note, "note"));
        return new Verdict(acknowledged, handled, deadLettered, lost, both, rawDuplicates, deadLetterDuplicates,
                effectiveDuplicates, unacknowledgedButDelivered, checks, all);
    }

    /** Whether every check passed. */
    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    /** The checks that failed. */
    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The counts on one line, for a run's summary. */
    public String counts() {
        return "A=" + acknowledged + " P=" + handled + " D=" + deadLettered + " lost=" + lost.size()
                + " both=" + both.size() + " rawDup=" + rawDuplicates + " dltDup=" + deadLetterDuplicates
                + " effDup=" + (effectiveDuplicates.isPresent() ? effectiveDuplicates.getAsLong() : "n/a")
                + " strays=" + unacknowledgedButDelivered;
    }

    /** A multi-line report: counts, every check, and the first lost or doubled ids. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(counts()).append(System.lineSeparator());
        checks.forEach(check -> out.append("  ").append(check).append(System.lineSeparator()));
        notes.forEach(note -> out.append("  note: ").append(note).append(System.lineSeparator()));
        appendIds(out, "lost", lost);
        appendIds(out, "handled and dead-lettered", both);
        return out.toString();
    }

    private static void appendIds(StringBuilder out, String what, List<String> ids) {
        if (!ids.isEmpty()) {
            out.append("  ").append(what).append(" (first ").append(Math.min(IDS_SHOWN, ids.size())).append("): ")
                    .append(ids.subList(0, Math.min(IDS_SHOWN, ids.size()))).append(System.lineSeparator());
        }
    }
}
