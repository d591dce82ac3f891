package io.imsg.kafka.redrive;

import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.header.MessageHeaders;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The failure a dead letter records, parsed from its {@code imsg-dlt-*} headers (written by
 * {@link io.imsg.kafka.deadletter.DeadLetterWriter}) and its {@code imsg-redrive-count}.
 *
 * <p>Headers come off the wire, so every value may be missing or malformed: such a value is empty,
 * never an exception. Times are the ISO-8601 instants the writer stores; the original timestamp is
 * epoch milliseconds.
 *
 * @param redriveCount how often this message was redriven before it was dead-lettered this time; 0
 *     when the header is absent or not a non-negative number
 */
public record FailureMetadata(
        Optional<String> exceptionClass,
        Optional<String> exceptionMessage,
        Optional<String> stackTrace,
        Optional<String> originalTopic,
        OptionalInt originalPartition,
        OptionalLong originalOffset,
        Optional<Instant> originalTimestamp,
        Optional<String> consumerGroup,
        Optional<String> route,
        OptionalInt attempts,
        Optional<Instant> firstFailure,
        Optional<Instant> lastFailure,
        int redriveCount) {

    /** Longer text cannot be an ISO-8601 instant; not parsing it bounds the work a forged header costs. */
    private static final int MAX_INSTANT_CHARS = 40;

    public FailureMetadata {
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        Objects.requireNonNull(exceptionMessage, "exceptionMessage");
        Objects.requireNonNull(stackTrace, "stackTrace");
        Objects.requireNonNull(originalTopic, "originalTopic");
        Objects.requireNonNull(originalPartition, "originalPartition");
        Objects.requireNonNull(originalOffset, "originalOffset");
        Objects.requireNonNull(originalTimestamp, "originalTimestamp");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(attempts, "attempts");
        Objects.requireNonNull(firstFailure, "firstFailure");
        Objects.requireNonNull(lastFailure, "lastFailure");
    }

    /** Parses the failure headers; never throws on bad values. */
    public static FailureMetadata of(MessageHeaders headers) {
        return new FailureMetadata(
                headers.string(ImsgHeaders.DLT_EXCEPTION_CLASS),
                headers.string(ImsgHeaders.DLT_EXCEPTION_MESSAGE),
                headers.string(ImsgHeaders.DLT_STACKTRACE),
                headers.string(ImsgHeaders.DLT_ORIGINAL_TOPIC),
                nonNegativeInt(headers.longValue(ImsgHeaders.DLT_ORIGINAL_PARTITION)),
                nonNegative(headers.longValue(ImsgHeaders.DLT_ORIGINAL_OFFSET)),
                epochMillis(headers.longValue(ImsgHeaders.DLT_ORIGINAL_TIMESTAMP)),
                headers.string(ImsgHeaders.DLT_CONSUMER_GROUP),
                headers.string(ImsgHeaders.DLT_ROUTE),
                nonNegativeInt(headers.longValue(ImsgHeaders.DLT_ATTEMPTS)),
                headers.string(ImsgHeaders.DLT_FIRST_FAILURE).flatMap(FailureMetadata::instant),
                headers.string(ImsgHeaders.DLT_LAST_FAILURE).flatMap(FailureMetadata::instant),
                redriveCount(headers));
    }

    /** The redrive count a message carries, 0 when absent or malformed; shared with the header rewrite. */
    static int redriveCount(MessageHeaders headers) {
        return nonNegativeInt(headers.longValue(ImsgHeaders.REDRIVE_COUNT)).orElse(0);
    }

    private static OptionalInt nonNegativeInt(OptionalLong value) {
        return value.isPresent() && value.getAsLong() >= 0 && value.getAsLong() <= Integer.MAX_VALUE
                ? OptionalInt.of((int) value.getAsLong())
                : OptionalInt.empty();
    }

    private static OptionalLong nonNegative(OptionalLong value) {
        return value.isPresent() && value.getAsLong() >= 0 ? value : OptionalLong.empty();
    }

    /** Every long is a representable epoch-millisecond instant, so this cannot throw. */
    private static Optional<Instant> epochMillis(OptionalLong value) {
        return value.isPresent() ? Optional.of(Instant.ofEpochMilli(value.getAsLong())) : Optional.empty();
    }

    private static Optional<Instant> instant(String text) {
        if (text.length() > MAX_INSTANT_CHARS) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
