package io.imsg.examples.orders.order;

import com.google.inject.Inject;
import io.imsg.api.Message;
import io.imsg.api.spi.PublishResult;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.examples.orders.OrderTopics;
import io.imsg.examples.orders.inventory.InventoryModule;
import io.imsg.schema.Priority;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places orders: publishes each {@link OrderPlaced} to {@value OrderTopics#ORDERS}, keyed by SKU so
 * that one SKU's orders are handled one at a time and in order, with express orders as
 * {@link Priority#HIGH}. Thread-safe.
 */
public final class OrderDesk {

    private static final Logger log = LoggerFactory.getLogger(OrderDesk.class);

    private final OrderSender sender;
    private final OrderBook book;
    private final RecipientPresence presence;
    private final AtomicBoolean warnedOffline = new AtomicBoolean();

    @Inject
    public OrderDesk(OrderSender sender, OrderBook book, RecipientPresence presence) {
        this.sender = sender;
        this.book = book;
        this.presence = presence;
    }

    /** Sends {@code order}; the future completes when the broker acknowledged it. */
    public CompletableFuture<PublishResult> place(OrderPlaced order) {
        Message<OrderPlaced> message = Message.builder(order)
                .key(order.getSku())
                .priority(order.getExpress() ? Priority.HIGH : Priority.NORMAL)
                .target(InventoryModule.SERVICE)
                .build();
        book.placed(OrderBook.PlacedOrder.of(message));
        if (!presence.isOnline(InventoryModule.SERVICE)) {
            // The policy for orders: send anyway. Kafka keeps them until the inventory is back.
            if (warnedOffline.compareAndSet(false, true)) {
                log.warn("IMSG-7010 {} is offline; orders are sent anyway and wait in Kafka", InventoryModule.SERVICE);
            }
            book.sentWhileRecipientOffline(order.getOrderId());
        }
        return sender.send(OrderTopics.ORDERS, message).whenComplete((sent, failure) -> {
            if (failure == null) {
                book.acknowledged(order.getOrderId());
            }
        });
    }
}
