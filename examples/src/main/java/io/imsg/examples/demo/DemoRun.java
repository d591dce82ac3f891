package io.imsg.examples.demo;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.examples.orders.OrderTopics;
import io.imsg.examples.orders.inventory.Catalog;
import io.imsg.examples.orders.inventory.InventoryModule;
import io.imsg.examples.orders.order.LatencyByPriority;
import io.imsg.examples.orders.order.OrderBook;
import io.imsg.examples.orders.order.OrderDesk;
import io.imsg.examples.orders.order.OrderModule;
import io.imsg.guice.ImsgService;
import io.imsg.kafka.deadletter.DeadLetterTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One run of the order-to-inventory demo: a broker (embedded unless an existing cluster is given),
 * the two topics, the inventory and order services (both in this JVM, each with its own injector),
 * then every order placed and waited for until it is answered or dead-lettered, or the timeout
 * passes. Everything it starts is stopped before {@link #run()} returns.
 */
public final class DemoRun {

    private static final int PARTITIONS = 6;
    private static final String DEAD_LETTERS = DeadLetterTopics.of(OrderTopics.ORDERS);

    private final DemoSettings settings;
    private final PrintWriter err;

    public DemoRun(DemoSettings settings, PrintWriter err) {
        this.settings = settings;
        this.err = err;
    }

    /** Runs the demo and reports what it saw; throws only when it could not run at all. */
    public DemoReport run() {
        DemoOrders data = new DemoOrders(settings);
        status(settings.bootstrapServers().isPresent() ? "using the existing cluster..."
                : "starting the embedded Kafka broker...");
        try (DemoCluster cluster = DemoCluster.start(settings)) {
            String servers = cluster.bootstrapServers();
            // The dead-letter topics too: the subscribers would create them, but here it is done once,
            // with a retry for a broker that does not know a new topic yet.
            DemoTopics.ensure(servers, Map.of(OrderTopics.ORDERS, PARTITIONS, OrderTopics.INVENTORY_EVENTS,
                    PARTITIONS, DEAD_LETTERS, PARTITIONS, DeadLetterTopics.of(OrderTopics.INVENTORY_EVENTS),
                    PARTITIONS));
            Catalog catalog = Catalog.of(data.initialStock());
            Injector inventory = Guice.createInjector(new InventoryModule(servers, catalog));
            Injector ordering = Guice.createInjector(new OrderModule(servers));
            try (ImsgService inventoryService = inventory.getInstance(ImsgService.class);
                    ImsgService orderService = ordering.getInstance(ImsgService.class)) {
                inventoryService.start();
                orderService.start();
                try (DeadLetterWatch deadLetters = DeadLetterWatch.start(servers, DEAD_LETTERS)) {
                    Duration elapsed = placeAndAwait(data.orders(), ordering, deadLetters);
                    OrderBook book = ordering.getInstance(OrderBook.class);
                    DemoReport report = DemoReport.of(new DemoReport.Observations(cluster.description(),
                            settings.seed(), book, deadLetters.messageIds(), catalog,
                            ordering.getInstance(LatencyByPriority.class),
                            deadLetterCount(inventory.getInstance(MeterRegistry.class)), elapsed));
                    status("stopping the services" + (settings.bootstrapServers().isPresent() ? "" : " and the broker")
                            + "...");
                    return report;
                }
            }
        }
    }

    /** Places every order, then waits; returns the time from the first send to the last resolution. */
    private Duration placeAndAwait(List<OrderPlaced> orders, Injector ordering, DeadLetterWatch deadLetters) {
        OrderBook book = ordering.getInstance(OrderBook.class);
        OrderDesk desk = ordering.getInstance(OrderDesk.class);
        Progress progress = Progress.on(err);
        Instant start = Instant.now();
        CompletableFuture<?>[] sends = orders.stream()
                .map(order -> desk.place(order).exceptionally(failure -> null)) // counted as unacknowledged
                .toArray(CompletableFuture[]::new);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        CompletableFuture<Void> allSent = CompletableFuture.allOf(sends);
        while (!finished(allSent, book, deadLetters) && System.nanoTime() < deadline) {
            progress.update(progressLine(orders.size(), book, deadLetters, start));
            sleep(100);
        }
        progress.finish(progressLine(orders.size(), book, deadLetters, start));
        // A run that timed out is measured to the timeout, not to its last answer.
        Instant end = finished(allSent, book, deadLetters)
                ? latest(book, deadLetters).orElse(Instant.now())
                : Instant.now();
        return Duration.between(start, end);
    }

    private static boolean finished(CompletableFuture<Void> allSent, OrderBook book, DeadLetterWatch deadLetters) {
        return allSent.isDone() && book.answeredCount() + deadLetters.countOf(messageIds(book))
                >= book.acknowledgedCount();
    }

    private static String progressLine(int total, OrderBook book, DeadLetterWatch deadLetters, Instant start) {
        long dead = deadLetters.countOf(messageIds(book));
        long pending = book.acknowledgedCount() - book.answeredCount() - dead;
        return String.format(
                "orders: %d/%d acknowledged, %d reserved, %d rejected, %d dead-lettered, %d pending  [%.1f s]",
                book.acknowledgedCount(), total, book.count(OrderBook.Outcome.RESERVED),
                book.count(OrderBook.Outcome.REJECTED), dead, Math.max(0, pending),
                Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }

    private static Set<String> messageIds(OrderBook book) {
        return book.acknowledgedOrders().stream().map(OrderBook.PlacedOrder::messageId).collect(Collectors.toSet());
    }

    private static Optional<Instant> latest(OrderBook book, DeadLetterWatch deadLetters) {
        return Stream.of(book.lastAnswer(), deadLetters.lastSeen())
                .flatMap(Optional::stream).max(Instant::compareTo);
    }

    /** What the inventory service counted as dead-lettered, to compare with the topic's content. */
    private static double deadLetterCount(MeterRegistry registry) {
        return registry.find("imsg.messages.handled").tag("outcome", "dead_letter").counters().stream()
                .mapToDouble(Counter::count).sum();
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
