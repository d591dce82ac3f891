package io.imsg.kafka.redrive;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collector;

/**
 * Counts of dead letters by route, by exception class and by hour (UTC) of the last failure; a dead
 * letter whose last-failure header is missing counts at the hour it was written. Immutable.
 *
 * <pre>{@code
 * DeadLetterSummary summary = reader.summarize("orders");
 * summary.byExceptionClass().forEach((type, count) -> System.out.println(type + " " + count));
 * }</pre>
 */
public final class DeadLetterSummary {

    /** The route key of dead letters that never reached a route (undecodable or unroutable records). */
    public static final String NO_ROUTE = "(none)";
    /** The exception-class key of dead letters whose header is missing. */
    public static final String UNKNOWN_EXCEPTION = "(unknown)";

    private final long total;
    private final SortedMap<String, Long> byRoute;
    private final SortedMap<String, Long> byExceptionClass;
    private final SortedMap<Instant, Long> byHour;

    private DeadLetterSummary(Tally tally) {
        this.total = tally.total;
        this.byRoute = Collections.unmodifiableSortedMap(new TreeMap<>(tally.byRoute));
        this.byExceptionClass = Collections.unmodifiableSortedMap(new TreeMap<>(tally.byExceptionClass));
        this.byHour = Collections.unmodifiableSortedMap(new TreeMap<>(tally.byHour));
    }

    /** Summarises dead letters as a stream collects them. */
    public static Collector<DeadLetter, ?, DeadLetterSummary> collector() {
        return Collector.of(Tally::new, Tally::add, Tally::merge, DeadLetterSummary::new);
    }

    /** Summarises the given dead letters. */
    public static DeadLetterSummary of(Iterable<DeadLetter> letters) {
        Tally tally = new Tally();
        Objects.requireNonNull(letters, "letters").forEach(tally::add);
        return new DeadLetterSummary(tally);
    }

    public long total() {
        return total;
    }

    /** Route name to count, sorted by name; {@link #NO_ROUTE} for dead letters without one. */
    public SortedMap<String, Long> byRoute() {
        return byRoute;
    }

    /** Exception class name to count, sorted by name; {@link #UNKNOWN_EXCEPTION} when the header is missing. */
    public SortedMap<String, Long> byExceptionClass() {
        return byExceptionClass;
    }

    /** Start of the hour (UTC) of the last failure to count, oldest first. */
    public SortedMap<Instant, Long> byHour() {
        return byHour;
    }

    @Override
    public String toString() {
        return "DeadLetterSummary[total=" + total + ", byRoute=" + byRoute + ", byExceptionClass=" + byExceptionClass
                + ", byHour=" + byHour + "]";
    }

    /** The mutable accumulator behind the collector. */
    private static final class Tally {

        private long total;
        private final Map<String, Long> byRoute = new TreeMap<>();
        private final Map<String, Long> byExceptionClass = new TreeMap<>();
        private final Map<Instant, Long> byHour = new TreeMap<>();

        void add(DeadLetter letter) {
            total++;
            byRoute.merge(letter.failure().route().orElse(NO_ROUTE), 1L, Long::sum);
            byExceptionClass.merge(letter.failure().exceptionClass().orElse(UNKNOWN_EXCEPTION), 1L, Long::sum);
            byHour.merge(letter.failedAt().truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
        }

        Tally merge(Tally other) {
            total += other.total;
            other.byRoute.forEach((key, count) -> byRoute.merge(key, count, Long::sum));
            other.byExceptionClass.forEach((key, count) -> byExceptionClass.merge(key, count, Long::sum));
            other.byHour.forEach((key, count) -> byHour.merge(key, count, Long::sum));
            return this;
        }
    }
}
