package io.imsg.examples.cli;

import io.imsg.examples.demo.DemoReport;
import io.imsg.examples.demo.DemoRun;
import io.imsg.examples.demo.DemoSettings;
import io.imsg.examples.demo.ReportPrinter;
import io.imsg.examples.orders.OrderMix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code imsg demo}: the order-to-inventory pipeline end to end, with its consistency checks. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        header = "Runs the order-to-inventory pipeline end to end and checks that no order is lost.",
        description = {
            "Runs the order-to-inventory pipeline on a real Kafka broker, with each service in its own JVM:"
                    + " order-service places orders (express ones with priority HIGH), inventory-service"
                    + " reserves stock in an H2 database, exactly once per order, and answers. Orders for"
                    + " unknown SKUs are dead-lettered, injected database failures are retried, and"
                    + " inventory-service is killed (SIGKILL) and restarted midway. Then the catalog is"
                    + " fixed, the dead letters are redriven, and the run checks that no order was lost"
                    + " and that the stock in the database adds up.",
            "Starts an embedded single-node broker in a child JVM unless --bootstrap-servers is given."},
        sortOptions = false)
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--orders", defaultValue = "3000", paramLabel = "N",
            description = "Orders to place (default: ${DEFAULT-VALUE}).")
    private int orders;

    @Option(names = "--express-percent", defaultValue = "10", paramLabel = "PCT",
            description = "Share of express orders, sent with priority HIGH (default: ${DEFAULT-VALUE}).")
    private int expressPercent;

    @Option(names = "--unknown-sku-percent", defaultValue = "2", paramLabel = "PCT",
            description = "Share of orders for SKUs the catalog does not carry; they are dead-lettered"
                    + " (default: ${DEFAULT-VALUE}).")
    private int unknownSkuPercent;

    @Option(names = "--transient-failure-percent", defaultValue = "3", paramLabel = "PCT",
            description = "Share of orders whose first database attempt fails and is retried"
                    + " (default: ${DEFAULT-VALUE}).")
    private int transientFailurePercent;

    @Option(names = "--kill-at-percent", defaultValue = "40", paramLabel = "PCT",
            description = "Kill inventory-service with SIGKILL and restart it once this share of the orders"
                    + " is resolved; 0 for no kill (default: ${DEFAULT-VALUE}).")
    private int killAtPercent;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the services keep their database, journal, logs and meters (default: a new"
                    + " temporary directory, kept and printed).")
    private Path workDir;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the embedded broker's files here (default: a temporary directory, deleted"
                    + " afterwards).")
    private Path dataDir;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Use this existing Kafka cluster instead of the embedded broker.")
    private String bootstrapServers;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed for the orders and the stock, to repeat a run (default: random, printed).")
    private Long seed;

    @Option(names = "--timeout", defaultValue = "90", paramLabel = "SECONDS",
            description = "How long to wait for every order to be answered or dead-lettered"
                    + " (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    private DemoReport report;

    @Override
    public Integer call() {
        report = new DemoRun(settings(), spec.commandLine().getErr()).run();
        new ReportPrinter(spec.commandLine().getOut()).print(report);
        return report.passed() ? 0 : 1;
    }

    /** The report of the last run, for tests that run the command. */
    Optional<DemoReport> report() {
        return Optional.ofNullable(report);
    }

    private DemoSettings settings() {
        try {
            OrderMix mix = new OrderMix(orders, expressPercent, unknownSkuPercent,
                    seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000));
            return new DemoSettings(mix, transientFailurePercent, killAtPercent, Optional.ofNullable(workDir),
                    Optional.ofNullable(dataDir), Optional.ofNullable(bootstrapServers),
                    Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
