package io.imsg.examples.orders.order;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.imsg.examples.orders.OrderMix;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.examples.orders.PipelineTopics;
import io.imsg.examples.orders.ServiceOptions;
import io.imsg.examples.orders.ServiceRunner;
import io.imsg.guice.ImsgService;
import io.imsg.kafka.receipts.Requester;
import io.imsg.schema.Priority;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The order service as a process: wires {@link OrderModule} with Guice, places a mix of orders
 * ({@link OrderMix}) as fast as the broker takes them, then handles the inventory's answers until
 * stopped (SIGTERM or Ctrl-C).
 *
 * <pre>
 * IMSG_BOOTSTRAP_SERVERS=localhost:9092 java -cp ... io.imsg.examples.orders.order.OrderService --orders 500
 * </pre>
 */
@Command(name = "order-service", mixinStandardHelpOptions = true,
        description = "Places orders on the 'orders' topic and handles the answers from 'inventory-events'.")
public final class OrderService implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    @Mixin
    private ServiceOptions service;

    @Option(names = "--orders", paramLabel = "N", defaultValue = "100",
            description = "Orders to place (default: ${DEFAULT-VALUE}).")
    private int orders;

    @Option(names = "--express-percent", paramLabel = "PCT", defaultValue = "10",
            description = "Share of express orders, sent with priority HIGH (default: ${DEFAULT-VALUE}).")
    private int expressPercent;

    @Option(names = "--unknown-sku-percent", paramLabel = "PCT", defaultValue = "2",
            description = "Share of orders for SKUs the catalog does not carry (default: ${DEFAULT-VALUE}).")
    private int unknownSkuPercent;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "0",
            description = "Orders placed per second; 0 places them all at once (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the order mix (default: random).")
    private Long seed;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Append every order and answer to this file (see OrderJournal).")
    private Path journalFile;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OrderService()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        OrderMix mix = orderMix();
        if (rate < 0) {
            throw new ParameterException(spec.commandLine(), "--rate must be >= 0 (was " + rate + ")");
        }
        String servers = service.bootstrapServers();
        PipelineTopics.ensure(servers);
        OrderJournal journal = journalFile != null ? OrderJournal.appendingTo(journalFile) : OrderJournal.none();
        Injector injector = Guice.createInjector(new OrderModule(servers, journal));
        ServiceRunner runner = ServiceRunner.start(OrderModule.SERVICE, injector.getInstance(ImsgService.class),
                injector.getInstance(MeterRegistry.class), service.metricsFile(), journal);
        OrderBook receipts = injector.getInstance(OrderBook.class);
        injector.getInstance(Requester.class).onReceipt(receipt ->
                receipts.receipt(receipt.getMessageId(), receipt.getStatus(), receipt.getAt()));
        OrderDesk desk = injector.getInstance(OrderDesk.class);
        String runId = Long.toString(System.currentTimeMillis(), 36);
        long gapNanos = rate == 0 ? 0 : 1_000_000_000L / rate;
        for (OrderPlaced order : mix.orders(runId)) {
            desk.place(order);
            if (gapNanos > 0) {
                LockSupport.parkNanos(gapNanos);
            }
        }
        log.info("IMSG-7020 {} orders placed (run {}), waiting for answers", orders, runId);
        OrderBook book = injector.getInstance(OrderBook.class);
        LatencyByPriority latencies = injector.getInstance(LatencyByPriority.class);
        while (!runner.awaitStop(PROGRESS_INTERVAL)) {
            log.info("IMSG-7021 {}/{} orders answered ({} reserved, {} rejected); latency HIGH {}, NORMAL {}",
                    book.answeredCount(), orders, book.count(OrderBook.Outcome.RESERVED),
                    book.count(OrderBook.Outcome.REJECTED), describe(latencies, Priority.HIGH),
                    describe(latencies, Priority.NORMAL));
        }
        return 0;
    }

    private static String describe(LatencyByPriority latencies, Priority priority) {
        return latencies.summary(priority)
                .map(s -> String.format("p50 %.0f ms p99 %.0f ms", s.p50Millis(), s.p99Millis()))
                .orElse("-");
    }

    /** Checked before the cluster is contacted, so bad options are a usage error (exit 2). */
    private OrderMix orderMix() {
        try {
            return new OrderMix(orders, expressPercent, unknownSkuPercent,
                    seed != null ? seed : ThreadLocalRandom.current().nextLong());
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), invalid.getMessage());
        }
    }
}
