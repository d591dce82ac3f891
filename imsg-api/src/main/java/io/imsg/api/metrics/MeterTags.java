package io.imsg.api.metrics;

/**
 * The tag keys of iMSG's meters, shared by the handler middleware and the Kafka consumer so that
 * both register {@code imsg.messages.handled} with the same tag set (Prometheus rejects a second
 * registration of a name with other tag keys). Every value is bounded: route names, topics and types
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
