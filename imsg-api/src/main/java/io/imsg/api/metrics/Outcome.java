package io.imsg.api.metrics;

/**
 * How one handling ended, as the {@value MeterTags#OUTCOME} tag. {@code MetricsMiddleware} sees
 * only what its handler did, so it records {@link #SUCCESS} or {@link #FAILURE} per call. What
 * happens next to a failed message, another attempt later or the dead-letter topic, is decided
 * further out and recorded there as {@link #RETRY} or {@link #DEAD_LETTER} through the same
 * {@code RouteMeters}, so all four share one counter and one tag set.
 */
public enum Outcome {
    /** The handler returned normally. */
    SUCCESS("success"),
    /** The handler threw. */
    FAILURE("failure"),
    /** A failed message was scheduled for another attempt. */
    RETRY("retry"),
    /** A failed message was written to the dead-letter topic. */
    DEAD_LETTER("dead_letter");

    private final String tagValue;

    Outcome(String tagValue) {
        this.tagValue = tagValue;
    }

    public String tagValue() {
        return tagValue;
    }
}
