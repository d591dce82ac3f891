package io.imsg.examples.orders.inventory;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.imsg.examples.orders.OrderMix;
import io.imsg.examples.orders.PipelineTopics;
import io.imsg.examples.orders.ServiceOptions;
import io.imsg.examples.orders.ServiceRunner;
import io.imsg.guice.ImsgService;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The inventory service as a process: opens its stock database, wires {@link InventoryModule} with
 * Guice, consumes orders until stopped (SIGTERM or Ctrl-C).
 *
 * <pre>
 * IMSG_BOOTSTRAP_SERVERS=localhost:9092 java -cp ... io.imsg.examples.orders.inventory.InventoryService \
 *     --data-dir work/inventory
 * </pre>
 */
@Command(name = "inventory-service", mixinStandardHelpOptions = true,
        description = "Reserves stock for orders from the 'orders' topic and answers on 'inventory-events'.")
public final class InventoryService implements Callable<Integer> {

    @Mixin
    private ServiceOptions service;

    @Option(names = "--data-dir", paramLabel = "DIR", required = true,
            description = "Where the stock database lives (created if missing).")
    private Path dataDir;

    @Option(names = "--initial-units", paramLabel = "N", defaultValue = "1000",
            description = "Stock each of the catalog's SKUs starts with when the database is new"
                    + " (default: ${DEFAULT-VALUE}).")
    private int initialUnits;

    @Option(names = "--transient-failure-percent", paramLabel = "PCT", defaultValue = "0",
            description = "Simulate a flaky database: fail the first attempt at this share of orders"
                    + " (default: ${DEFAULT-VALUE}).")
    private int transientFailurePercent;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new InventoryService()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        // Before the cluster is contacted or the database opened, so bad options are a usage error (exit 2).
        if (initialUnits < 0) {
            throw new ParameterException(spec.commandLine(), "--initial-units must be >= 0, was " + initialUnits);
        }
        try {
            TransientFailures.requirePercent(transientFailurePercent);
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "--" + invalid.getMessage());
        }
        String servers = service.bootstrapServers();
        PipelineTopics.ensure(servers);
        StockDatabase database = StockDatabase.open(dataDir);
        if (database.stock().isEmpty()) {
            database.addSkus(OrderMix.uniformStock(initialUnits));
        }
        Injector injector = Guice.createInjector(new InventoryModule(servers, database, transientFailurePercent));
        ServiceRunner.start(InventoryModule.SERVICE, injector.getInstance(ImsgService.class),
                injector.getInstance(MeterRegistry.class), service.metricsFile(), database).awaitStop();
        return 0;
    }
}
