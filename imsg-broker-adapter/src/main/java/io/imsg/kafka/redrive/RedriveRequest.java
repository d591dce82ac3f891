package io.imsg.kafka.redrive;

import java.util.Objects;

/**
 * What one {@link Redriver#redrive} run does: which dead letters it selects, at most how many it
 * republishes, and whether it only reports what it would do. Immutable.
 *
 * <pre>{@code
 * RedriveRequest request = RedriveRequest.of(RedriveFilter.all().withRoute("reserve-stock"))
 *         .withLimit(100)
 *         .withDryRun(true);
 * }</pre>
 *
 * @param limit most dead letters republished (or, in a dry run, that would be), failures included;
 *     those skipped as already redriven do not count. {@link #NO_LIMIT} by default
 * @param dryRun when true, nothing is written: no republish, no ledger entry, no topic created
 */
public record RedriveRequest(RedriveFilter filter, long limit, boolean dryRun) {

    public static final long NO_LIMIT = Long.MAX_VALUE;

    public RedriveRequest {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 (was " + limit + ")");
        }
    }

    /** Every dead letter the filter selects, no limit, for real. */
    public static RedriveRequest of(RedriveFilter filter) {
        return new RedriveRequest(filter, NO_LIMIT, false);
    }

    public RedriveRequest withLimit(long value) {
        return new RedriveRequest(filter, value, dryRun);
    }

    public RedriveRequest withDryRun(boolean value) {
        return new RedriveRequest(filter, limit, value);
    }
}
