package io.imsg.api.header;

import java.util.Locale;

/**
 * The one header vocabulary of iMSG. Every Kafka header iMSG reads or writes is named here, under
 * one prefix; application code never sets these (publishers strip them) and reads them only
 * through {@link MessageHeaders}.
 *
 * <p>Headers mirror what routing and operations need without decoding the payload. They are hints
 * from the wire, as hostile as any other byte: the envelope stays the source of truth.
 */
public final class ImsgHeaders {

    /** The reserved prefix of every iMSG header and of nothing else. */
    public static final String PREFIX = "imsg-";

    // Mirrored from the envelope on every record.
    public static final String MESSAGE_ID = PREFIX + "id";
    public static final String TYPE = PREFIX + "type";
    public static final String PRIORITY = PREFIX + "priority";
    public static final String SOURCE = PREFIX + "source";
    public static final String ATTEMPT = PREFIX + "attempt";

    // Stamped on every record: which instance sent it, and its presence status at that moment.
    public static final String INSTANCE = PREFIX + "instance";
    public static final String PRESENCE = PREFIX + "presence";

    // Set by a sender that wants receipts or a reply: where to send them, and which receipts.
    public static final String REPLY_TO = PREFIX + "reply-to";
    public static final String RECEIPTS = PREFIX + "receipts";

    // Written when the route signs its records: "v1;<algorithm>;<key id>;<base64url signature>".
    public static final String SIGNATURE = PREFIX + "signature";

    // Written when a record is dead-lettered; replaced, never appended.
    public static final String DLT_EXCEPTION_CLASS = PREFIX + "dlt-exception-class";
    public static final String DLT_EXCEPTION_MESSAGE = PREFIX + "dlt-exception-message";
    public static final String DLT_STACKTRACE = PREFIX + "dlt-stacktrace";
    public static final String DLT_ORIGINAL_TOPIC = PREFIX + "dlt-original-topic";
    public static final String DLT_ORIGINAL_PARTITION = PREFIX + "dlt-original-partition";
    public static final String DLT_ORIGINAL_OFFSET = PREFIX + "dlt-original-offset";
    public static final String DLT_ORIGINAL_TIMESTAMP = PREFIX + "dlt-original-timestamp";
    public static final String DLT_CONSUMER_GROUP = PREFIX + "dlt-consumer-group";
    public static final String DLT_ROUTE = PREFIX + "dlt-route";
    public static final String DLT_ATTEMPTS = PREFIX + "dlt-attempts";
    public static final String DLT_FIRST_FAILURE = PREFIX + "dlt-first-failure";
    public static final String DLT_LAST_FAILURE = PREFIX + "dlt-last-failure";
    public static final String REDRIVE_COUNT = PREFIX + "redrive-count";

    // Written when a record moves to a retry topic, so its dead letter can still name its origin.
    public static final String RETRY_ORIGINAL_TOPIC = PREFIX + "retry-original-topic";
    public static final String RETRY_ORIGINAL_PARTITION = PREFIX + "retry-original-partition";
    public static final String RETRY_ORIGINAL_OFFSET = PREFIX + "retry-original-offset";
    public static final String RETRY_ORIGINAL_TIMESTAMP = PREFIX + "retry-original-timestamp";
    public static final String RETRY_FIRST_FAILURE = PREFIX + "retry-first-failure";
    /** The retry stage (0-based) a record last moved to after failing itself; followers carry it unchanged. */
    public static final String RETRY_STAGE = PREFIX + "retry-stage";

    private ImsgHeaders() {}

    /** True when {@code key} belongs to iMSG; case-insensitive so "IMSG-attempt" cannot slip past. */
    public static boolean isReserved(String key) {
        return key != null && key.toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }
}
