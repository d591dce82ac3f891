package io.imsg.examples.demo;

import io.imsg.examples.orders.OrderMix;
import io.imsg.examples.orders.inventory.InventoryService;
import io.imsg.examples.orders.order.OrderService;
import io.imsg.testkit.fault.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The two services of a demo run, each a child JVM on this JVM's classpath, with their files in the
 * run's work directory: {@code inventory-service-<n>.log} per inventory process,
 * {@code order-service.log}, the order journal, the stock database and the meter files. Stops every
 * child it started when closed. Not thread-safe.
 */
final class ServiceProcesses implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int READY_SECONDS = 60;

    private final String bootstrapServers;
    private final Path workDir;
    private final DemoSettings settings;
    private final List<ChildJvm> inventories = new ArrayList<>();
    private ChildJvm orders;

    ServiceProcesses(String bootstrapServers, Path workDir, DemoSettings settings) {
        this.bootstrapServers = bootstrapServers;
        this.workDir = workDir;
        this.settings = settings;
    }

    static Path databaseDir(Path workDir) {
        return workDir.resolve("inventory-db");
    }

    Path journal() {
        return workDir.resolve("orders.journal");
    }

    /** The meter files of every process started so far, inventory processes first. */
    List<Path> meterFiles() {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= inventories.size(); i++) {
            files.add(inventoryMeters(i));
        }
        files.add(workDir.resolve("order-service.meters"));
        return files;
    }

    private Path inventoryMeters(int process) {
        return workDir.resolve("inventory-service-" + process + ".meters");
    }

    /** Starts a new inventory process; the previous one, if any, must be gone. */
    ChildJvm startInventory() {
        int process = inventories.size() + 1;
        ChildJvm inventory = ChildJvm.builder(InventoryService.class.getName())
                .name("inventory-service-" + process).outputDir(workDir)
                .args(List.of("--bootstrap-servers", bootstrapServers,
                        "--data-dir", databaseDir(workDir).toString(),
                        "--transient-failure-percent", Integer.toString(settings.transientFailurePercent()),
                        "--metrics-file", inventoryMeters(process).toString()))
                .start();
        inventories.add(inventory);
        return inventory;
    }

    /**
     * Orders per second. Faster than the inventory answers, so a backlog builds for express orders to
     * overtake, yet spread over the run, so that orders are still being placed while the killed
     * inventory is offline and the presence policy shows.
     */
    private static final int ORDER_RATE = 150;

    ChildJvm startOrders() {
        OrderMix mix = settings.mix();
        orders = ChildJvm.builder(OrderService.class.getName()).name("order-service").outputDir(workDir)
                .args(List.of("--bootstrap-servers", bootstrapServers,
                        "--orders", Integer.toString(mix.orders()),
                        "--express-percent", Integer.toString(mix.expressPercent()),
                        "--unknown-sku-percent", Integer.toString(mix.unknownSkuPercent()),
                        "--seed", Long.toString(mix.seed()),
                        "--rate", Integer.toString(ORDER_RATE),
                        "--journal", journal().toString(),
                        "--metrics-file", workDir.resolve("order-service.meters").toString()))
                .start();
        return orders;
    }

    /**
     * Waits until {@code child} logged that its service runs ({@code IMSG-7001}).
     *
     * @throws IllegalStateException if it exits or is not ready within {@value #READY_SECONDS} s
     */
    void awaitReady(ChildJvm child) {
        long deadline = System.nanoTime() + Duration.ofSeconds(READY_SECONDS).toNanos();
        while (!logged(child, "IMSG-7001")) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(child + " did not start; its last lines:\n" + child.outputTail(30));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + child, e);
            }
        }
    }

    private static boolean logged(ChildJvm child, String logId) {
        try {
            return Files.exists(child.outputFile()) && Files.readString(child.outputFile()).contains(logId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + child.outputFile(), e);
        }
    }

    /** The inventory process now running. */
    ChildJvm inventory() {
        return inventories.get(inventories.size() - 1);
    }

    /** Fails with the child's last lines when it died by itself. */
    void requireAlive() {
        for (ChildJvm child : orders == null ? List.of(inventory()) : List.of(inventory(), orders)) {
            if (!child.isAlive()) {
                throw new IllegalStateException(child + " exited with " + child.exitStatus() + "; its last lines:\n"
                        + child.outputTail(30));
            }
        }
    }

    /** Stops both services cleanly (SIGTERM: they finish in-flight work, commit, write their meters). */
    @Override
    public void close() {
        if (orders != null) {
            orders.stop(STOP_TIMEOUT);
        }
        inventories.forEach(inventory -> inventory.stop(STOP_TIMEOUT));
    }
}
