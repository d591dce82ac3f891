package io.imsg.examples.orders.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalInt;

/** The SQL of a reservation, run on the caller's connection so that it joins the caller's transaction. */
final class ReservationStore {

    private ReservationStore() {}

    /** The decision recorded for {@code messageId}, if that message was handled before. */
    static Optional<Reservation> find(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT order_id, sku, quantity, outcome,"
                + " remaining, reason FROM processed_messages WHERE message_id = ?")) {
            select.setString(1, messageId);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Reservation(row.getString(1), row.getString(2), row.getInt(3),
                                "RESERVED".equals(row.getString(4)), row.getInt(5), row.getString(6)))
                        : Optional.empty();
            }
        }
    }

    /** Locks the SKU's stock row until the transaction ends; empty if the catalog lacks the SKU. */
    static OptionalInt lockAvailable(Connection connection, String sku) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT available FROM stock WHERE sku = ? FOR UPDATE")) {
            select.setString(1, sku);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalInt.of(row.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    /** Writes the decision: the stock it leaves and the idempotency record of {@code messageId}. */
    static void record(Connection connection, String messageId, Reservation decision) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE stock SET available = ? WHERE sku = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO processed_messages"
                        + " (message_id, order_id, sku, quantity, outcome, remaining, reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            update.setInt(1, decision.remaining());
            update.setString(2, decision.sku());
            update.executeUpdate();
            insert.setString(1, messageId);
            insert.setString(2, decision.orderId());
            insert.setString(3, decision.sku());
            insert.setInt(4, decision.quantity());
            insert.setString(5, decision.outcome());
            insert.setInt(6, decision.remaining());
            insert.setString(7, decision.reason());
            insert.executeUpdate();
        }
    }
}
