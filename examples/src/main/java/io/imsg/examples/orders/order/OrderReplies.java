package io.imsg.examples.orders.order;

import com.google.inject.Inject;
import io.imsg.api.Context;
import io.imsg.api.Message;
import io.imsg.examples.orders.InventoryRejected;
import io.imsg.examples.orders.InventoryReserved;
import java.time.Duration;
import java.time.Instant;

/**
 * The order service's handlers for the inventory's answers: each records the answer in the
 * {@link OrderBook} and, for an order's first answer, its end-to-end latency.
 */
public final class OrderReplies {

    private final OrderBook book;
    private final LatencyByPriority latencies;

    @Inject
    public OrderReplies(OrderBook book, LatencyByPriority latencies) {
        this.book = book;
        this.latencies = latencies;
    }

    public void reserved(Message<InventoryReserved> message, Context context) {
        answer(message.payload().getOrderId(), OrderBook.Outcome.RESERVED);
    }

    public void rejected(Message<InventoryRejected> message, Context context) {
        answer(message.payload().getOrderId(), OrderBook.Outcome.REJECTED);
    }

    private void answer(String orderId, OrderBook.Outcome outcome) {
        Instant now = Instant.now();
        book.answer(orderId, outcome).ifPresent(order ->
                latencies.record(order.priority(), Duration.between(order.createdAt(), now)));
    }
}
