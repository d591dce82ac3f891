package io.imsg.handler.metrics;

/**
 * The tag keys of iMSG's handling meters. Every value is bounded: route names, topics and types
 * come from the router, priorities and outcomes from enums. A message id or key is never a tag,
 * since each distinct value would create a new time series.
 */
public final class MeterTags {

    public static final String ROUTE = "route";
    public static final String TOPIC = "topic";
    /** The Avro full name of the payload type. */
    public static final String TYPE = "type";
    /** The message's priority as the enum name on the wire: {@code LOW}, {@code NORMAL}, {@code HIGH}. */
    public static final String PRIORITY = "priority";
    /** See {@link Outcome}. */
    public static final String OUTCOME = "outcome";

    private MeterTags() {}
}
