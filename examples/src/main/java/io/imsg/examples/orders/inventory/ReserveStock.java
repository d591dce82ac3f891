package io.imsg.examples.orders.inventory;

import com.google.inject.Inject;
import io.imsg.api.Context;
import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.examples.orders.InventoryRejected;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.examples.orders.OrderTopics;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reserves stock for each {@link OrderPlaced} and replies on {@value OrderTopics#INVENTORY_EVENTS}:
 * {@link InventoryReserved}, or {@link InventoryRejected} when the SKU has too little left. The reply
 * keeps the order's priority, so an express order's answer is express too, and is linked to the
 * order with {@code causedBy}.
 *
 * <p>An order for a SKU the catalog does not carry, or for no units, can never succeed: it throws
 * {@link NonRetryableException}, and iMSG writes it to the dead-letter topic {@code orders.dlt}.
 */
public final class ReserveStock implements Handler<OrderPlaced> {

    private final Catalog catalog;

    @Inject
    public ReserveStock(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void handle(Message<OrderPlaced> message, Context context) {
        OrderPlaced order = message.payload();
        if (!catalog.carries(order.getSku())) {
            throw new NonRetryableException("unknown SKU " + order.getSku() + " in order " + order.getOrderId());
        }
        if (order.getQuantity() < 1) {
            throw new NonRetryableException(
                    "order " + order.getOrderId() + " asks for " + order.getQuantity() + " units");
        }
        Catalog.Reservation decision = catalog.reserve(order.getOrderId(), order.getSku(), order.getQuantity());
        SpecificRecord reply = decision instanceof Catalog.Reserved reserved
                ? new InventoryReserved(order.getOrderId(), order.getSku(), reserved.quantity(), reserved.remaining())
                : new InventoryRejected(order.getOrderId(), order.getSku(), ((Catalog.Rejected) decision).reason());
        context.emit(OrderTopics.INVENTORY_EVENTS, Message.builder(reply)
                .key(order.getOrderId())
                .priority(message.priority())
                .causedBy(message)
                .build());
    }
}
