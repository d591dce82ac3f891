package io.imsg.examples.demo;

import io.imsg.examples.orders.OrderMix;
import io.imsg.examples.orders.OrderTopics;
import io.imsg.examples.orders.PipelineTopics;
import io.imsg.examples.orders.inventory.StockDatabase;
import io.imsg.examples.orders.inventory.TransientFailures;
import io.imsg.examples.orders.order.OrderBook;
import io.imsg.examples.orders.order.OrderJournalReader;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.deadletter.DeadLetterTopics;
import io.imsg.kafka.redrive.RedriveFilter;
import io.imsg.kafka.redrive.RedriveReport;
import io.imsg.kafka.redrive.RedriveRequest;
import io.imsg.kafka.redrive.RedriveSettings;
import io.imsg.kafka.redrive.Redriver;
import io.imsg.testkit.fault.ChildJvm;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One run of the order-to-inventory demo, as an operator would run the pipeline: a broker (embedded
 * unless an existing cluster is given), the topics, the stock database, then the inventory and
 * order services as two child JVMs. The order service places every order; midway the inventory
 * process is killed with SIGKILL and started again; when every order is answered or dead-lettered,
 * the catalog is fixed and the dead letters are redriven. Then both services are stopped and the
 * run is accounted for from the order journal, the dead-letter topic and the database. Everything
 * it starts is stopped before {@link #run()} returns; the work directory is kept.
 */
public final class DemoRun {

    private static final String DEAD_LETTERS = DeadLetterTopics.of(OrderTopics.ORDERS);
    /** Stock each unknown SKU gets when the catalog is fixed: enough for all of its orders. */
    private static final int FIXED_SKU_UNITS = 10_000;

    private final DemoSettings settings;
    private final PrintWriter err;

    public DemoRun(DemoSettings settings, PrintWriter err) {
        this.settings = settings;
        this.err = err;
    }

    /** Runs the demo and reports what it saw; throws only when it could not run at all. */
    public DemoReport run() {
        Path workDir = workDir();
        status("[1/5] " + (settings.bootstrapServers().isPresent() ? "using the existing cluster..."
                : "starting the embedded Kafka broker..."));
        try (DemoCluster cluster = DemoCluster.start(settings)) {
            String servers = cluster.bootstrapServers();
            PipelineTopics.ensure(servers);
            try (StockDatabase database = StockDatabase.open(ServiceProcesses.databaseDir(workDir))) {
                database.addSkus(settings.mix().initialStock());
            }
            status("[2/5] starting inventory-service and order-service, each in its own JVM; files in " + workDir);
            try (ServiceProcesses services = new ServiceProcesses(servers, workDir, settings);
                    DeadLetterWatch deadLetters = DeadLetterWatch.start(servers, DEAD_LETTERS)) {
                return runServices(cluster, services, deadLetters, workDir);
            }
        }
    }

    private DemoReport runServices(DemoCluster cluster, ServiceProcesses services, DeadLetterWatch deadLetters,
            Path workDir) {
        // Orders wait for a ready inventory, so that latencies measure the pipeline, not a JVM starting.
        services.awaitReady(services.startInventory());
        services.awaitReady(services.startOrders());
        OrderJournalReader journal = new OrderJournalReader(services.journal());
        Instant start = Instant.now();
        status("[3/5] placing " + settings.mix().orders() + " orders"
                + (settings.killAtPercent() > 0 ? "; inventory-service is killed with SIGKILL and restarted at "
                        + settings.killAtPercent() + "%" : ""));
        Optional<String> restart = awaitResolved(journal, services, deadLetters);
        Duration elapsed = Duration.between(start, Instant.now());
        // This run's dead letters only: on an existing cluster, orders.dlt may hold earlier runs' too.
        Set<String> ours = messageIds(journal.catchUp());
        Set<String> deadLettered = deadLetters.messageIds().stream().filter(ours::contains)
                .collect(Collectors.toSet());

        status("[4/5] fixing the catalog (adding " + OrderMix.unknownSkus() + ") and redriving " + DEAD_LETTERS);
        try (StockDatabase database = StockDatabase.open(ServiceProcesses.databaseDir(workDir))) {
            database.addSkus(OrderMix.unknownSkus().stream().collect(Collectors.toMap(sku -> sku,
                    sku -> FIXED_SKU_UNITS)));
        }
        RedriveReport redrive = redrive(cluster.bootstrapServers());
        await(journal, services, deadLetters, book -> deadLettered.stream().allMatch(id -> answered(book, id)),
                "redriven");

        status("[5/5] stopping the services" + (settings.bootstrapServers().isPresent() ? "" : " and the broker"));
        services.close();
        OrderBook book = journal.catchUp();
        try (StockDatabase database = StockDatabase.open(ServiceProcesses.databaseDir(workDir))) {
            return DemoReport.of(new DemoReport.Observations(cluster.description(), settings.mix(), book,
                    deadLettered, database.stock(), database.reservedBySku(), database.ordersRecordedTwice(),
                    redrive.moved(), meterSum(services, TransientFailures.METER), restart, elapsed, workDir,
                    services.meterFiles()));
        }
    }

    /** Waits until every order is answered or dead-lettered, killing the inventory once on the way. */
    private Optional<String> awaitResolved(OrderJournalReader journal, ServiceProcesses services,
            DeadLetterWatch deadLetters) {
        int orders = settings.mix().orders();
        long killAt = settings.killAtPercent() == 0 ? Long.MAX_VALUE : (long) orders * settings.killAtPercent() / 100;
        String[] restart = {null};
        await(journal, services, deadLetters, book -> {
            long resolved = book.answeredCount() + deadLetters.countOf(messageIds(book));
            if (restart[0] == null && resolved >= killAt) {
                restart[0] = killAndRestart(services, resolved);
            }
            return book.acknowledgedCount() == orders && resolved >= orders;
        }, "placed");
        return Optional.ofNullable(restart[0]);
    }

    private String killAndRestart(ServiceProcesses services, long resolved) {
        ChildJvm killed = services.inventory();
        killed.kill();
        ChildJvm started = services.startInventory();
        String line = String.format("inventory-service pid %d killed with SIGKILL after %d of %d orders;"
                + " restarted as pid %d", killed.pid(), resolved, settings.mix().orders(), started.pid());
        status("      " + line);
        return line;
    }

    private void await(OrderJournalReader journal, ServiceProcesses services, DeadLetterWatch deadLetters,
            Predicate<OrderBook> done, String what) {
        Progress progress = Progress.on(err);
        Instant start = Instant.now();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        OrderBook book = journal.catchUp();
        while (!done.test(book) && System.nanoTime() < deadline) {
            services.requireAlive();
            progress.update(progressLine(book, deadLetters, start, what));
            sleep(100);
            book = journal.catchUp();
        }
        progress.finish(progressLine(book, deadLetters, start, what));
    }

    private String progressLine(OrderBook book, DeadLetterWatch deadLetters, Instant start, String what) {
        return String.format("      orders %s: %d/%d, %d reserved, %d rejected, %d dead-lettered  [%.1f s]", what,
                book.acknowledgedCount(), settings.mix().orders(), book.count(OrderBook.Outcome.RESERVED),
                book.count(OrderBook.Outcome.REJECTED), deadLetters.countOf(messageIds(book)),
                Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }

    private static boolean answered(OrderBook book, String messageId) {
        return book.acknowledgedOrders().stream().filter(order -> order.messageId().equals(messageId))
                .anyMatch(order -> book.outcomeOf(order.orderId()).isPresent());
    }

    private static Set<String> messageIds(OrderBook book) {
        return book.acknowledgedOrders().stream().map(OrderBook.PlacedOrder::messageId).collect(Collectors.toSet());
    }

    private static RedriveReport redrive(String servers) {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers(servers).service("imsg-demo").build();
        try (Redriver redriver = Redriver.create(kafka, RedriveSettings.ofDefaults())) {
            return redriver.redrive(OrderTopics.ORDERS, RedriveRequest.of(RedriveFilter.all()));
        }
    }

    /** The sum of one counter over the services' meter files (a killed process's last seconds are missing). */
    private static long meterSum(ServiceProcesses services, String meter) {
        long sum = 0;
        for (Path file : services.meterFiles()) {
            try {
                for (String line : Files.exists(file) ? Files.readAllLines(file) : java.util.List.<String>of()) {
                    if (line.startsWith(meter + "{")) {
                        sum += (long) Double.parseDouble(line.replaceAll(".* count=([0-9.]+).*", "$1"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the meters in " + file, e);
            }
        }
        return sum;
    }

    /** A new, empty directory ({@link DemoSettings} refused one that is not). */
    private Path workDir() {
        try {
            Path dir = settings.workDir().isPresent() ? settings.workDir().get()
                    : Files.createTempDirectory("imsg-demo-");
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work directory", e);
        }
    }

    private void status(String line) {
        err.println(line);
        err.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the orders", e);
        }
    }
}
