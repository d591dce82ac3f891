package io.imsg.kafka.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.header.ImsgHeaders;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedriveFilterTest {

    private static final DeadLetter ILLEGAL_STATE = Letters.failed(1, "java.lang.IllegalStateException", "reserve",
            "2025-05-01T12:00:00Z").letter();
    private static final DeadLetter TIMEOUT = Letters.failed(2, "com.example.stock.TimeoutException", "release",
            "2025-05-01T14:00:00Z").letter();
    private static final DeadLetter POISON = Letters.failed(3, "io.imsg.api.failure.DecodingException", null,
            "2025-05-01T16:00:00Z").letter();

    @Test
    void theUnfilteredFilterSelectsEverything() {
        assertThat(RedriveFilter.all().matches(ILLEGAL_STATE)).isTrue();
        assertThat(RedriveFilter.all().matches(POISON)).isTrue();
        assertThat(RedriveFilter.all()).hasToString("all");
    }

    @Test
    void aQualifiedExceptionClassMustMatchExactlyAndASimpleNameMatchesTheSimpleName() {
        assertThat(RedriveFilter.all().withExceptionClass("java.lang.IllegalStateException").matches(ILLEGAL_STATE))
                .isTrue();
        assertThat(RedriveFilter.all().withExceptionClass("IllegalStateException").matches(ILLEGAL_STATE)).isTrue();
        assertThat(RedriveFilter.all().withExceptionClass("State").matches(ILLEGAL_STATE)).isFalse();
        assertThat(RedriveFilter.all().withExceptionClass("other.IllegalStateException").matches(ILLEGAL_STATE))
                .isFalse();
        assertThat(RedriveFilter.all().withExceptionClass("TimeoutException").matches(TIMEOUT)).isTrue();
        DeadLetter unknown = Letters.failed(4).without(ImsgHeaders.DLT_EXCEPTION_CLASS).letter();
        assertThat(RedriveFilter.all().withExceptionClass("IllegalStateException").matches(unknown)).isFalse();
    }

    @Test
    void aRouteFilterNeverSelectsDeadLettersThatReachedNoRoute() {
        RedriveFilter reserve = RedriveFilter.all().withRoute("reserve");

        assertThat(reserve.matches(ILLEGAL_STATE)).isTrue();
        assertThat(reserve.matches(TIMEOUT)).isFalse();
        assertThat(reserve.matches(POISON)).isFalse();
    }

    @Test
    void sinceIsInclusiveAndUntilExclusiveOnTheLastFailure() {
        RedriveFilter window = RedriveFilter.all().withSince(Instant.parse("2025-05-01T14:00:00Z"))
                .withUntil(Instant.parse("2025-05-01T16:00:00Z"));

        assertThat(window.matches(ILLEGAL_STATE)).isFalse();
        assertThat(window.matches(TIMEOUT)).isTrue();
        assertThat(window.matches(POISON)).isFalse();
    }

    @Test
    void criteriaCombine() {
        RedriveFilter filter = RedriveFilter.all().withExceptionClass("TimeoutException").withRoute("reserve");

        assertThat(filter.matches(TIMEOUT)).isFalse();
        assertThat(filter.matches(ILLEGAL_STATE)).isFalse();
        assertThat(filter).hasToString("exception-class=TimeoutException route=reserve");
    }

    @Test
    void invalidCriteriaAreRejectedWithTheirName() {
        Instant noon = Instant.parse("2025-05-01T12:00:00Z");

        assertThatThrownBy(() -> RedriveFilter.all().withSince(noon).withUntil(noon))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("since must be before until");
        assertThatThrownBy(() -> RedriveFilter.all().withRoute(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("route must not be blank");
        assertThatThrownBy(() -> RedriveFilter.all().withExceptionClass(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceptionClass must not be blank");
        assertThatThrownBy(() -> RedriveRequest.of(RedriveFilter.all()).withLimit(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit must be >= 1");
    }
}
