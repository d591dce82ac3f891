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
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reserves stock for each {@link OrderPlaced} and replies on {@value OrderTopics#INVENTORY_EVENTS}:
 * {@link InventoryReserved}, or {@link InventoryRejected} when the SKU has too little left. The reply
 * keeps the order's priority, so an express order's answer is express too, and is linked to the
 * order with {@code causedBy}.
 *
 * <p><b>Exactly once.</b> iMSG delivers at least once: after a crash or a rebalance, a message comes
 * again. The idempotency record (keyed by the message id) and the stock change commit in one
 * database transaction, so a message is either fully applied or not at all. A message that finds
 * its record was handled before: it takes no stock and sends the recorded answer again, which
 * covers a crash after the commit and before the answer was published.
 *
 * <p>An order for a SKU the catalog does not carry, or for no units, can never succeed: it throws
 * {@link NonRetryableException}, and iMSG writes it to the dead-letter topic {@code orders.dlt}. A
 * database failure is retryable: iMSG's retry middleware runs the handler again, with a fresh
 * transaction.
 */
public final class ReserveStock implements Handler<OrderPlaced> {

    private final StockDatabase database;
    private final TransientFailures failures;

    @Inject
    public ReserveStock(StockDatabase database, TransientFailures failures) {
        this.database = database;
        this.failures = failures;
    }

    @Override
    public void handle(Message<OrderPlaced> message, Context context) throws SQLException {
        OrderPlaced order = message.payload();
        if (order.getQuantity() < 1) {
            throw new NonRetryableException(
                    "order " + order.getOrderId() + " asks for " + order.getQuantity() + " units");
        }
        Reservation decision;
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                decision = decide(connection, message, context);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        context.emit(OrderTopics.INVENTORY_EVENTS, Message.builder(decision.reply())
                .key(order.getOrderId())
                .priority(message.priority())
                .causedBy(message)
                .build());
    }

    /** Everything here runs in one transaction: the check, the stock change and the record. */
    private Reservation decide(Connection connection, Message<OrderPlaced> message, Context context)
            throws SQLException {
        Optional<Reservation> earlier = ReservationStore.find(connection, message.id());
        if (earlier.isPresent()) {
            return earlier.get(); // delivered again: answer as before, take nothing
        }
        OrderPlaced order = message.payload();
        OptionalInt available = ReservationStore.lockAvailable(connection, order.getSku());
        if (available.isEmpty()) {
            throw new NonRetryableException("unknown SKU " + order.getSku() + " in order " + order.getOrderId());
        }
        Reservation decision = Reservation.decide(order.getOrderId(), order.getSku(), order.getQuantity(),
                available.getAsInt());
        ReservationStore.record(connection, message.id(), decision);
        failures.maybeFail(message, context);
        return decision;
    }
}
