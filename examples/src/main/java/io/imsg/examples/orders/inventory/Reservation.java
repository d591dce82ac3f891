package io.imsg.examples.orders.inventory;

import io.imsg.examples.orders.InventoryRejected;
import io.imsg.examples.orders.InventoryReserved;
import org.apache.avro.specific.SpecificRecord;

/**
 * The inventory's decision on one order, as recorded in its idempotency record: the stock was
 * taken ({@code reserved}), or the SKU had too little left and nothing was taken.
 *
 * @param remaining what the SKU had left after the decision
 * @param reason why the order was rejected; null when reserved
 */
record Reservation(String orderId, String sku, int quantity, boolean reserved, int remaining, String reason) {

    static Reservation decide(String orderId, String sku, int quantity, int available) {
        return available >= quantity
                ? new Reservation(orderId, sku, quantity, true, available - quantity, null)
                : new Reservation(orderId, sku, quantity, false, available,
                        "insufficient stock: " + quantity + " wanted, " + available + " left");
    }

    String outcome() {
        return reserved ? "RESERVED" : "REJECTED";
    }

    /** The answer to send back to the order service. */
    SpecificRecord reply() {
        return reserved
                ? new InventoryReserved(orderId, sku, quantity, remaining)
                : new InventoryRejected(orderId, sku, reason);
    }
}
