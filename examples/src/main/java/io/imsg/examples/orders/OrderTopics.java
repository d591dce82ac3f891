package io.imsg.examples.orders;

/** The topics of the order-to-inventory pipeline, shared by both services. */
public final class OrderTopics {

    /** {@code OrderPlaced}, from the order service to the inventory service, keyed by SKU. */
    public static final String ORDERS = "orders";

    /** {@code InventoryReserved} and {@code InventoryRejected} replies, keyed by order id. */
    public static final String INVENTORY_EVENTS = "inventory-events";

    private OrderTopics() {}
}
