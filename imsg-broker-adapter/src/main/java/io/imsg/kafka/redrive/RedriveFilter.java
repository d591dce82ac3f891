package io.imsg.kafka.redrive;

import io.imsg.kafka.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which dead letters a redrive selects: all criteria given must hold. Immutable; each
 * {@code with...} method checks its argument and returns a new filter.
 *
 * <ul>
 *   <li>exception class: a name with a dot must equal the exception class header
 *       ({@code java.lang.IllegalStateException}); a name without one matches the simple name
 *       ({@code IllegalStateException}).</li>
 *   <li>route: equals the route header; dead letters that never reached a route have none.</li>
 *   <li>since (inclusive) and until (exclusive): bound {@link DeadLetter#failedAt()}, the last failure.</li>
 * </ul>
 *
 * <pre>{@code
 * RedriveFilter filter = RedriveFilter.all().withRoute("reserve-stock")
 *         .withSince(Instant.parse("2025-05-01T00:00:00Z"));
 * }</pre>
 */
public record RedriveFilter(Optional<String> exceptionClass, Optional<String> route, Optional<Instant> since,
        Optional<Instant> until) {

    private static final RedriveFilter ALL = new RedriveFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public RedriveFilter {
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        exceptionClass.ifPresent(name -> Checks.nonBlank(name, "exceptionClass"));
        route.ifPresent(name -> Checks.nonBlank(name, "route"));
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new IllegalArgumentException("since must be before until (since " + since.get() + ", until "
                    + until.get() + ")");
        }
    }

    /** Selects every dead letter. */
    public static RedriveFilter all() {
        return ALL;
    }

    public RedriveFilter withExceptionClass(String name) {
        return new RedriveFilter(Optional.of(Checks.nonBlank(name, "exceptionClass")), route, since, until);
    }

    public RedriveFilter withRoute(String name) {
        return new RedriveFilter(exceptionClass, Optional.of(Checks.nonBlank(name, "route")), since, until);
    }

    public RedriveFilter withSince(Instant value) {
        return new RedriveFilter(exceptionClass, route, Optional.of(Objects.requireNonNull(value, "since")), until);
    }

    public RedriveFilter withUntil(Instant value) {
        return new RedriveFilter(exceptionClass, route, since, Optional.of(Objects.requireNonNull(value, "until")));
    }

    public boolean matches(DeadLetter letter) {
        Instant failedAt = letter.failedAt();
        return exceptionClass.map(wanted -> exceptionMatches(wanted, letter.failure().exceptionClass())).orElse(true)
                && route.map(wanted -> letter.failure().route().filter(wanted::equals).isPresent()).orElse(true)
                && since.map(bound -> !failedAt.isBefore(bound)).orElse(true)
                && until.map(failedAt::isBefore).orElse(true);
    }

    private static boolean exceptionMatches(String wanted, Optional<String> actual) {
        if (actual.isEmpty()) {
            return false;
        }
        String name = actual.get();
        return wanted.indexOf('.') >= 0 ? wanted.equals(name) : wanted.equals(name.substring(name.lastIndexOf('.') + 1));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        exceptionClass.ifPresent(name -> text.append(" exception-class=").append(name));
        route.ifPresent(name -> text.append(" route=").append(name));
        since.ifPresent(time -> text.append(" since=").append(time));
        until.ifPresent(time -> text.append(" until=").append(time));
        return text.length() == 0 ? "all" : text.substring(1);
    }
}
