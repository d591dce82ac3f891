package io.imsg.examples.orders.order;

import com.google.inject.Inject;
import io.imsg.api.Message;
import io.imsg.api.spi.PublishResult;
import io.imsg.api.spi.Publisher;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.examples.orders.OrderTopics;
import io.imsg.schema.Priority;
import java.util.concurrent.CompletableFuture;

/**
 * Places orders: publishes each {@link OrderPlaced} to {@value OrderTopics#ORDERS}, keyed by SKU so
 * that one SKU's orders are handled one at a time and in order, with express orders as
 * {@link Priority#HIGH}. Thread-safe.
 */
public final class OrderDesk {

    private final Publisher publisher;
    private final OrderBook book;

    @Inject
    public OrderDesk(Publisher publisher, OrderBook book) {
        this.publisher = publisher;
        this.book = book;
    }

    /** Sends {@code order}; the future completes when the broker acknowledged it. */
    public CompletableFuture<PublishResult> place(OrderPlaced order) {
        Message<OrderPlaced> message = Message.builder(order)
                .key(order.getSku())
                .priority(order.getExpress() ? Priority.HIGH : Priority.NORMAL)
                .build();
        book.placed(OrderBook.PlacedOrder.of(message));
        return publisher.publish(OrderTopics.ORDERS, message).whenComplete((sent, failure) -> {
            if (failure == null) {
                book.acknowledged(order.getOrderId());
            }
        });
    }
}
