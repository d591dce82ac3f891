package io.imsg.examples.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A reproducible mix of orders, all drawn from one seed: {@value #SKUS} catalog SKUs whose stock
 * covers only part of the expected demand (so some orders are rejected), a share of express orders,
 * and a share of orders for a few SKUs the catalog does not carry (so they are dead-lettered). The
 * order service places {@link #orders(String)}; the inventory starts with {@link #initialStock()}.
 *
 * @param orders how many orders
 * @param expressPercent share of express orders, 0-100
 * @param unknownSkuPercent share of orders for unknown SKUs, 0-100
 * @param seed the seed every draw comes from
 */
public record OrderMix(int orders, int expressPercent, int unknownSkuPercent, long seed) {

    public static final int SKUS = 12;
    public static final int MAX_QUANTITY = 5;
    /** Unknown SKUs are few, as keys: they end up on few partitions, like real bad input would. */
    private static final int UNKNOWN_SKUS = 3;

    public OrderMix {
        if (orders < 1) {
            throw new IllegalArgumentException("orders must be >= 1, was " + orders);
        }
        requirePercent(expressPercent, "express-percent");
        requirePercent(unknownSkuPercent, "unknown-sku-percent");
    }

    /**
     * Stock per SKU between 50% and 130% of the SKU's expected demand: roughly half of the SKUs
     * sell out before the last order, so both answers occur.
     */
    public Map<String, Integer> initialStock() {
        Random random = new Random(seed);
        double knownOrders = orders * (100 - unknownSkuPercent) / 100.0;
        double demandPerSku = knownOrders * (1 + MAX_QUANTITY) / 2.0 / SKUS;
        Map<String, Integer> stock = new TreeMap<>();
        for (int i = 1; i <= SKUS; i++) {
            stock.put(sku(i), (int) Math.round(demandPerSku * (0.5 + 0.8 * random.nextDouble())));
        }
        return stock;
    }

    /** The same units for every catalog SKU: a new inventory's stock when no mix is given. */
    public static Map<String, Integer> uniformStock(int units) {
        Map<String, Integer> stock = new TreeMap<>();
        IntStream.rangeClosed(1, SKUS).forEach(i -> stock.put(sku(i), units));
        return stock;
    }

    /** The SKUs the catalog does not carry, until someone adds them. */
    public static List<String> unknownSkus() {
        return IntStream.rangeClosed(1, UNKNOWN_SKUS).mapToObj(i -> "SKU-404-" + i).toList();
    }

    /** The orders; their ids start with {@code runId}, so runs on the same topics never share one. */
    public List<OrderPlaced> orders(String runId) {
        // A different stream than the stock's, so the orders do not depend on how the stock was drawn.
        Random random = new Random(~seed);
        List<String> unknown = unknownSkus();
        List<OrderPlaced> placed = new ArrayList<>(orders);
        for (int i = 1; i <= orders; i++) {
            String sku = random.nextInt(100) < unknownSkuPercent
                    ? unknown.get(random.nextInt(unknown.size()))
                    : sku(1 + random.nextInt(SKUS));
            boolean express = random.nextInt(100) < expressPercent;
            placed.add(new OrderPlaced(runId + "-" + i, sku, 1 + random.nextInt(MAX_QUANTITY), express));
        }
        return placed;
    }

    private static String sku(int number) {
        return String.format("SKU-%02d", number);
    }

    private static void requirePercent(int value, String name) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(name + " must be between 0 and 100, was " + value);
        }
    }
}
