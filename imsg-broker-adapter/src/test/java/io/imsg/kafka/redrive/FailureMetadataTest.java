package io.imsg.kafka.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.header.ImsgHeaders;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureMetadataTest {

    @Test
    void everyFailureHeaderIsReadThroughATypedAccessor() {
        FailureMetadata failure = Letters.failed(7).header(ImsgHeaders.REDRIVE_COUNT, "2").letter().failure();

        assertThat(failure.exceptionClass()).contains(IllegalStateException.class.getName());
        assertThat(failure.exceptionMessage()).contains("boom");
        assertThat(failure.stackTrace()).get().asString().contains("at Somewhere");
        assertThat(failure.originalTopic()).contains("orders");
        assertThat(failure.originalPartition()).hasValue(2);
        assertThat(failure.originalOffset()).hasValue(107);
        assertThat(failure.originalTimestamp()).contains(Instant.ofEpochMilli(1_746_100_000_000L));
        assertThat(failure.consumerGroup()).contains("inventory");
        assertThat(failure.route()).contains("reserve");
        assertThat(failure.attempts()).hasValue(3);
        assertThat(failure.firstFailure()).contains(Instant.parse("2025-05-01T12:00:00Z"));
        assertThat(failure.lastFailure()).contains(Instant.parse("2025-05-01T12:00:00Z"));
        assertThat(failure.redriveCount()).isEqualTo(2);
    }

    @Test
    void malformedOrMissingValuesAreEmptyNeverAnException() {
        FailureMetadata failure = Letters.failed(1)
                .header(ImsgHeaders.DLT_ORIGINAL_PARTITION, "-1")
                .header(ImsgHeaders.DLT_ORIGINAL_OFFSET, "twelve")
                .header(ImsgHeaders.DLT_ATTEMPTS, "99999999999")
                .header(ImsgHeaders.DLT_LAST_FAILURE, "yesterday")
                .header(ImsgHeaders.DLT_FIRST_FAILURE, "2025-05-01T12:00:00Z" + " ".repeat(100))
                .header(ImsgHeaders.REDRIVE_COUNT, "-3")
                .without(ImsgHeaders.DLT_ROUTE)
                .letter().failure();

        assertThat(failure.originalPartition()).isEmpty();
        assertThat(failure.originalOffset()).isEmpty();
        assertThat(failure.attempts()).isEmpty();
        assertThat(failure.lastFailure()).isEmpty();
        assertThat(failure.firstFailure()).isEmpty();
        assertThat(failure.route()).isEmpty();
        assertThat(failure.redriveCount()).isZero();
    }

    @Test
    void aDeadLetterWithoutALastFailureCountsAsFailedWhenItWasWritten() {
        Instant written = Instant.parse("2025-05-02T08:30:00Z");
        DeadLetter letter = Letters.failed(1).without(ImsgHeaders.DLT_LAST_FAILURE).timestamp(written).letter();

        assertThat(letter.failedAt()).isEqualTo(written);
        assertThat(letter.ledgerKey()).isEqualTo("0-1");
        assertThat(letter.coordinates()).isEqualTo("orders.dlt-0@1");
    }
}
