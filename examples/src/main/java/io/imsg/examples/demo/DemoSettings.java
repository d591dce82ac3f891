package io.imsg.examples.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one demo run does; validated when built.
 *
 * @param orders how many orders to place
 * @param expressPercent share of express orders, sent as {@code Priority.HIGH}
 * @param unknownSkuPercent share of orders for SKUs the catalog does not carry; these are
 *     dead-lettered
 * @param dataDir where the embedded broker keeps its files; empty for a temporary directory
 * @param bootstrapServers an existing cluster to use instead of the embedded broker
 * @param seed seeds the orders and the stock, so a run can be repeated
 * @param timeout how long to wait for every order to be answered or dead-lettered
 */
public record DemoSettings(int orders, int expressPercent, int unknownSkuPercent, Optional<Path> dataDir,
        Optional<String> bootstrapServers, long seed, Duration timeout) {

    public DemoSettings {
        if (orders < 1) {
            throw new IllegalArgumentException("orders must be >= 1, was " + orders);
        }
        requirePercent(expressPercent, "express-percent");
        requirePercent(unknownSkuPercent, "unknown-sku-percent");
        Objects.requireNonNull(dataDir, "dataDir must not be null");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers must not be null");
        if (dataDir.isPresent() && bootstrapServers.isPresent()) {
            throw new IllegalArgumentException("data-dir is for the embedded broker; it cannot be combined with"
                    + " bootstrap-servers");
        }
        if (bootstrapServers.isPresent() && bootstrapServers.get().isBlank()) {
            throw new IllegalArgumentException("bootstrap-servers must not be blank");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        }
    }

    private static void requirePercent(int value, String name) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(name + " must be between 0 and 100, was " + value);
        }
    }
}
