package io.imsg.handler.testing;

import io.imsg.api.Message;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import org.apache.avro.specific.SpecificRecord;

/** Payloads and erased messages, as a subscriber would hand them to a route. */
public final class TestMessages {

    private TestMessages() {}

    public static OrderPlaced orderPlaced(String orderId) {
        return OrderPlaced.newBuilder().setOrderId(orderId).setSku("sku-1").setQuantity(2).build();
    }

    public static InventoryReserved inventoryReserved(String orderId) {
        return InventoryReserved.newBuilder()
                .setOrderId(orderId).setSku("sku-1").setQuantity(2).setRemaining(8).build();
    }

    public static Message.Builder<SpecificRecord> erased(SpecificRecord payload) {
        return Message.builder(payload);
    }

    public static Message<SpecificRecord> erasedOrder(String orderId) {
        return erased(orderPlaced(orderId)).build();
    }
}
