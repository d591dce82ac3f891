package io.imsg.examples.orders.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Stock per SKU, in memory. Thread-safe.
 *
 * <p>Reservations are idempotent by order id: an order delivered again (iMSG delivers at least
 * once) gets the decision it got the first time, and its stock is taken only once. That is how a
 * handler turns at-least-once delivery into exactly-once effects.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.of(Map.of("SKU-01", 100));
 * Catalog.Reservation decision = catalog.reserve("order-1", "SKU-01", 3); // Reserved[quantity=3, remaining=97]
 * }</pre>
 */
public final class Catalog {

    /** What became of one order's request for stock. */
    public sealed interface Reservation permits Reserved, Rejected {}

    /** The stock was taken; {@code remaining} is what the SKU has left after it. */
    public record Reserved(int quantity, int remaining) implements Reservation {}

    /** The SKU had too little stock; nothing was taken. */
    public record Rejected(String reason) implements Reservation {}

    private final Map<String, Integer> initial;
    private final Map<String, Integer> stock;
    private final Map<String, Reservation> decisions = new HashMap<>();

    private Catalog(Map<String, Integer> initial) {
        this.initial = Map.copyOf(initial);
        this.stock = new HashMap<>(initial);
    }

    /**
     * A catalog carrying exactly these SKUs with this stock.
     *
     * @throws IllegalArgumentException if a stock level is negative
     */
    public static Catalog of(Map<String, Integer> initialStock) {
        initialStock.forEach((sku, units) -> {
            if (units < 0) {
                throw new IllegalArgumentException("stock of " + sku + " must be >= 0, was " + units);
            }
        });
        return new Catalog(initialStock);
    }

    /** Whether {@code sku} is in the catalog at all (with or without stock). */
    public boolean carries(String sku) {
        return initial.containsKey(sku);
    }

    /**
     * Takes {@code quantity} units of {@code sku} for {@code orderId}, or rejects the order when the
     * SKU has fewer left; asking again for the same order id returns the first decision.
     *
     * @throws IllegalArgumentException if the SKU is not carried or the quantity is not positive
     */
    public synchronized Reservation reserve(String orderId, String sku, int quantity) {
        Objects.requireNonNull(orderId, "orderId must not be null");
        Reservation earlier = decisions.get(orderId);
        if (earlier != null) {
            return earlier;
        }
        if (!carries(sku)) {
            throw new IllegalArgumentException("SKU " + sku + " is not in the catalog");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be >= 1, was " + quantity);
        }
        int left = stock.get(sku);
        Reservation decision = left >= quantity
                ? new Reserved(quantity, left - quantity)
                : new Rejected("insufficient stock: " + quantity + " wanted, " + left + " left");
        if (decision instanceof Reserved reserved) {
            stock.put(sku, reserved.remaining());
        }
        decisions.put(orderId, decision);
        return decision;
    }

    /** The stock each SKU started with. */
    public Map<String, Integer> initialStock() {
        return initial;
    }

    /** The stock each SKU has now, in SKU order. */
    public synchronized Map<String, Integer> remainingStock() {
        return new TreeMap<>(stock);
    }
}
