package io.imsg.kafka.consume.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Context;
import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.RouteInfo;
import io.imsg.api.header.MessageHeaders;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryContextTest {

    private static final RouteInfo ROUTE = new RouteInfo("reserve", "orders", OrderPlaced.class);
    private static final RecordOrigin ORIGIN = new RecordOrigin("orders", 3, 17L, Instant.EPOCH);

    private final DeliveryContext first = DeliveryContext.first(1, ROUTE, ORIGIN, MessageHeaders.empty());

    @Test
    void theNextAttemptHasTheNextNumberTheSameCoordinatesAndNothingEmitted() {
        first.emit("reservations", output("from-attempt-1"));

        Context second = first.nextAttempt();

        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.route()).isEqualTo(ROUTE);
        assertThat(second.origin()).isEqualTo(ORIGIN);
        assertThat(second.headers()).isSameAs(first.headers());
        assertThat(((DeliveryContext) second).outputs()).isEmpty();
        assertThat(first.outputs()).as("each attempt keeps its own buffer").hasSize(1);
    }

    @Test
    void theLatestAttemptIsTheOneWhoseOutputsArePublished() {
        first.emit("reservations", output("from-attempt-1"));
        Context second = first.nextAttempt();
        second.emit("reservations", output("from-attempt-2"));
        Context third = second.nextAttempt();
        third.emit("reservations", output("from-attempt-3"));

        DeliveryContext latest = first.latest();

        assertThat(latest).isSameAs(third);
        assertThat(latest.attempt()).isEqualTo(3);
        assertThat(latest.outputs()).singleElement()
                .satisfies(out -> assertThat(out.message().payload().toString()).contains("from-attempt-3"));
    }

    @Test
    void settlingTellsOnlyTheLatestAttemptThatItsOutputsWerePublished() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        first.onSettled(published -> seen.add("attempt 1: " + published));
        io.imsg.api.Context second = first.nextAttempt();
        second.onSettled(published -> seen.add("attempt 2: " + published));

        assertThat(first.settle(true)).isTrue();

        assertThat(seen).containsExactly("attempt 1: false", "attempt 2: true");
    }

    @Test
    void aSettleActionThatFailsForAPublishedAttemptKeepsTheRecordUncommitted() {
        first.onSettled(published -> {
            throw new IllegalStateException("could not record completion");
        });

        assertThat(first.settle(true)).isFalse();
    }

    @Test
    void aSettleActionFailingForAnUnpublishedAttemptDoesNotChangeTheOutcome() {
        first.onSettled(published -> {
            throw new IllegalStateException("could not abandon");
        });

        assertThat(first.settle(false)).isTrue();
    }

    @Test
    void aDeliveryWithoutRetriesIsItsOwnLatestAttempt() {
        assertThat(first.latest()).isSameAs(first);
    }

    @Test
    void attemptNumbersContinueFromARetriedRecordsHeader() {
        DeliveryContext fromRetryTopic = DeliveryContext.first(4, ROUTE, ORIGIN, MessageHeaders.empty());

        assertThat(fromRetryTopic.nextAttempt().attempt()).isEqualTo(5);
    }

    @Test
    void aForgedMaximalAttemptNumberSaturatesInsteadOfOverflowing() {
        DeliveryContext forged = DeliveryContext.first(Integer.MAX_VALUE, ROUTE, ORIGIN, MessageHeaders.empty());

        assertThat(forged.nextAttempt().attempt()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void nextAttemptOnASupersededAttemptIsRejected() {
        first.nextAttempt();

        assertThatThrownBy(first::nextAttempt)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("attempt 1 of orders-3@17, which is no longer the latest attempt");
        assertThat(first.latest().attempt()).isEqualTo(2);
    }

    private static Message<InventoryReserved> output(String orderId) {
        return Message.of(new InventoryReserved(orderId, "sku", 1, 0));
    }
}
