package io.imsg.examples.orders.order;

import io.imsg.api.Message;
import io.imsg.api.spi.PublishResult;
import io.imsg.examples.orders.OrderPlaced;
import java.util.concurrent.CompletableFuture;

/**
 * How {@link OrderDesk} sends an order. {@link OrderModule} sends through iMSG's requester, asking
 * for PROCESSED and DEAD_LETTERED receipts; tests send through a fake publisher.
 */
@FunctionalInterface
public interface OrderSender {

    /** Sends {@code order}; the future completes when the broker acknowledged it. */
    CompletableFuture<PublishResult> send(String topic, Message<OrderPlaced> order);
}
