package io.imsg.examples.cli;

import io.imsg.examples.demo.DemoReport;
import io.imsg.examples.demo.DemoRun;
import io.imsg.examples.demo.DemoSettings;
import io.imsg.examples.demo.ReportPrinter;
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
            "Runs the order-to-inventory pipeline on a real Kafka broker: the order service places orders,"
                    + " the inventory service reserves stock and answers, orders for unknown SKUs are"
                    + " dead-lettered. Then checks that no order was lost and that the stock adds up.",
            "Starts an embedded single-node broker in a child JVM unless --bootstrap-servers is given."},
        sortOptions = false)
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--orders", defaultValue = "2000", paramLabel = "N",
            description = "Orders to place (default: ${DEFAULT-VALUE}).")
    private int orders;

    @Option(names = "--express-percent", defaultValue = "10", paramLabel = "PCT",
            description = "Share of express orders, sent with priority HIGH (default: ${DEFAULT-VALUE}).")
    private int expressPercent;

    @Option(names = "--unknown-sku-percent", defaultValue = "2", paramLabel = "PCT",
            description = "Share of orders for SKUs the catalog does not carry; they are dead-lettered"
                    + " (default: ${DEFAULT-VALUE}).")
    private int unknownSkuPercent;

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

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
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
            return new DemoSettings(orders, expressPercent, unknownSkuPercent, Optional.ofNullable(dataDir),
                    Optional.ofNullable(bootstrapServers),
                    seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000),
                    Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
