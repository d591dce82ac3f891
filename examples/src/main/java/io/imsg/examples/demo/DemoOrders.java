package io.imsg.examples.demo;

import io.imsg.examples.orders.OrderPlaced;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The demo's data, all drawn from one seed: a catalog of {@value #SKUS} SKUs whose stock covers
 * only part of the expected demand (so some orders are rejected), and the orders themselves.
 * Order ids carry a run id, so runs on the same topics never share an order.
 */
final class DemoOrders {

    static final int SKUS = 12;
    static final int MAX_QUANTITY = 5;
    /** Unknown SKUs are few, as keys: they end up on few partitions, like real bad input would. */
    private static final int UNKNOWN_SKUS = 3;

    private final DemoSettings settings;
    private final Random random;
    private final String runId;

    DemoOrders(DemoSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.runId = Long.toString(System.currentTimeMillis(), 36);
    }

    /**
     * Stock per SKU between 50% and 130% of the SKU's expected demand: roughly half of the SKUs
     * sell out before the last order, so both answers occur.
     */
    Map<String, Integer> initialStock() {
        double knownOrders = settings.orders() * (100 - settings.unknownSkuPercent()) / 100.0;
        double demandPerSku = knownOrders * (1 + MAX_QUANTITY) / 2.0 / SKUS;
        Map<String, Integer> stock = new TreeMap<>();
        for (int i = 1; i <= SKUS; i++) {
            stock.put(sku(i), (int) Math.round(demandPerSku * (0.5 + 0.8 * random.nextDouble())));
        }
        return stock;
    }

    List<OrderPlaced> orders() {
        List<OrderPlaced> orders = new ArrayList<>(settings.orders());
        for (int i = 1; i <= settings.orders(); i++) {
            String sku = random.nextInt(100) < settings.unknownSkuPercent()
                    ? "SKU-404-" + (1 + random.nextInt(UNKNOWN_SKUS))
                    : sku(1 + random.nextInt(SKUS));
            boolean express = random.nextInt(100) < settings.expressPercent();
            orders.add(new OrderPlaced(runId + "-" + i, sku, 1 + random.nextInt(MAX_QUANTITY), express));
        }
        return orders;
    }

    private static String sku(int number) {
        return String.format("SKU-%02d", number);
    }
}
