package io.imsg.kafka.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.imsg.api.header.ImsgHeaders;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DeadLetterSummaryTest {

    private static final List<DeadLetter> LETTERS = List.of(
            Letters.failed(1, "java.lang.IllegalStateException", "reserve", "2025-05-01T12:05:00Z").letter(),
            Letters.failed(2, "java.lang.IllegalStateException", "reserve", "2025-05-01T12:59:59Z").letter(),
            Letters.failed(3, "java.util.concurrent.TimeoutException", "release", "2025-05-01T13:00:00Z").letter(),
            Letters.failed(4, "io.imsg.api.failure.DecodingException", null, "2025-05-01T15:30:00Z").letter(),
            Letters.failed(5).without(ImsgHeaders.DLT_EXCEPTION_CLASS).without(ImsgHeaders.DLT_LAST_FAILURE)
                    .timestamp(Instant.parse("2025-05-01T15:45:00Z")).letter());

    @Test
    void deadLettersAreCountedByRouteExceptionClassAndHourOfTheLastFailure() {
        DeadLetterSummary summary = DeadLetterSummary.of(LETTERS);

        assertThat(summary.total()).isEqualTo(5);
        assertThat(summary.byRoute()).containsExactly(entry(DeadLetterSummary.NO_ROUTE, 1L), entry("release", 1L),
                entry("reserve", 3L));
        assertThat(summary.byExceptionClass()).containsExactly(entry(DeadLetterSummary.UNKNOWN_EXCEPTION, 1L),
                entry("io.imsg.api.failure.DecodingException", 1L), entry("java.lang.IllegalStateException", 2L),
                entry("java.util.concurrent.TimeoutException", 1L));
        assertThat(summary.byHour()).containsExactly(entry(Instant.parse("2025-05-01T12:00:00Z"), 2L),
                entry(Instant.parse("2025-05-01T13:00:00Z"), 1L), entry(Instant.parse("2025-05-01T15:00:00Z"), 2L));
    }

    @Test
    void theCollectorAgreesWithTheIterableFormEvenInParallel() {
        DeadLetterSummary collected = Stream.concat(LETTERS.stream(), LETTERS.stream()).parallel()
                .collect(DeadLetterSummary.collector());

        assertThat(collected.total()).isEqualTo(10);
        assertThat(collected.byRoute()).containsEntry("reserve", 6L);
        assertThat(collected.byHour()).containsEntry(Instant.parse("2025-05-01T15:00:00Z"), 4L);
    }

    @Test
    void anEmptyTopicSummarisesToZero() {
        DeadLetterSummary summary = DeadLetterSummary.of(List.of());

        assertThat(summary.total()).isZero();
        assertThat(summary.byRoute()).isEmpty();
        assertThat(summary.byHour()).isEmpty();
    }
}
