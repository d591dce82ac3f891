package io.imsg.examples.demo;

import io.imsg.examples.orders.OrderMix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one demo run does; validated when built.
 *
 * @param mix the orders: how many, the share of express and unknown-SKU orders, the seed
 * @param transientFailurePercent share of orders whose first database attempt fails, to be retried
 * @param killAtPercent the inventory service is killed ({@code kill -9}) and restarted once this
 *     share of the orders is resolved; 0 for no kill
 * @param workDir where the services' database, journal, logs and meters go: a directory that is
 *     missing or empty; empty for a new temporary directory, which is kept so the run can be looked
 *     at afterwards
 * @param dataDir where the embedded broker keeps its files; empty for a temporary directory
 * @param bootstrapServers an existing cluster to use instead of the embedded broker
 * @param timeout how long to wait for every order to be answered or dead-lettered, and again for
 *     the redriven ones
 */
public record DemoSettings(OrderMix mix, int transientFailurePercent, int killAtPercent, Optional<Path> workDir,
        Optional<Path> dataDir, Optional<String> bootstrapServers, Duration timeout) {

    public DemoSettings {
        Objects.requireNonNull(mix, "mix must not be null");
        requirePercent(transientFailurePercent, "transient-failure-percent");
        if (killAtPercent < 0 || killAtPercent > 99) {
            throw new IllegalArgumentException("kill-at-percent must be between 0 and 99, was " + killAtPercent);
        }
        Objects.requireNonNull(workDir, "workDir must not be null");
        workDir.ifPresent(DemoSettings::requireNewDirectory);
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

    /** A journal or database left by an earlier run would be counted as this one's. */
    private static void requireNewDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("work-dir " + dir + " is not a directory; give a new directory");
        }
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("work-dir " + dir + " is not empty; give a new directory");
                }
            } catch (IOException unreadable) {
                throw new IllegalArgumentException("work-dir " + dir + " cannot be read: " + unreadable, unreadable);
            }
        }
    }

    private static void requirePercent(int value, String name) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(name + " must be between 0 and 100, was " + value);
        }
    }
}
