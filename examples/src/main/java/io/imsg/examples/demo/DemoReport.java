package io.imsg.examples.demo;

import io.imsg.examples.orders.OrderMix;
import io.imsg.examples.orders.inventory.StockDatabase.StockLevel;
import io.imsg.examples.orders.order.LatencyByPriority;
import io.imsg.examples.orders.order.OrderBook;
import io.imsg.examples.orders.order.OrderBook.Outcome;
import io.imsg.examples.orders.order.OrderBook.PlacedOrder;
import io.imsg.schema.Priority;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a demo run observed, order by order, and the checks it must pass. Built once at the end of
 * a run from the order service's journal, the dead-letter topic and the inventory's database, and
 * not changed afterwards.
 *
 * <p>With A the orders the broker acknowledged, P the orders answered, D the orders found in the
 * dead-letter topic: lost is |A \ (P ∪ D)| (see RELIABILITY.md). Here a dead-lettered order is
 * redriven once the catalog is fixed, so it ends answered too: P ∩ D is exactly the redriven orders.
 */
public final class DemoReport {

    /** One consistency check and whether it held. */
    public record Check(String description, boolean passed) {}

    /**
     * One SKU's stock: what it started with, what the order service was told was reserved, what the
     * database's idempotency records say was reserved, and what the database says is left.
     */
    public record StockLine(String sku, int initial, int reservedAnswered, int reservedInDatabase, int remaining) {

        public boolean consistent() {
            return initial - reservedAnswered == remaining && reservedInDatabase == reservedAnswered;
        }
    }

    /** What the run saw, gathered by {@link DemoRun}. */
    record Observations(String broker, OrderMix mix, OrderBook book, Set<String> deadLetterIds,
            Map<String, StockLevel> stock, Map<String, Integer> reservedInDatabase, int ordersRecordedTwice,
            long redriveMoved, long injectedFailures, Optional<String> restart, Duration elapsed, Path workDir,
            List<Path> meterFiles) {}

    private final Observations seen;
    private final LatencyByPriority latencies = new LatencyByPriority();
    private final OrderCounts counts = new OrderCounts();
    private final Map<String, Integer> reservedBySku = new TreeMap<>();
    private final List<StockLine> stock = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();

    /** How many orders ended which way. */
    private static final class OrderCounts {
        int placed;
        int express;
        int reserved;
        int rejected;
        int deadLettered;
        int redriven;
        int lost;
        int unknownSku;
        int deadLetterMismatches;
    }

    private DemoReport(Observations seen) {
        this.seen = seen;
    }

    static DemoReport of(Observations seen) {
        DemoReport report = new DemoReport(seen);
        seen.book().acknowledgedOrders().forEach(report::account);
        report.compareStock();
        report.check();
        return report;
    }

    private void account(PlacedOrder order) {
        OrderCounts c = counts;
        c.placed++;
        c.express += order.priority() == Priority.HIGH ? 1 : 0;
        Optional<Outcome> outcome = seen.book().outcomeOf(order.orderId());
        boolean dead = seen.deadLetterIds().contains(order.messageId());
        boolean unknown = OrderMix.unknownSkus().contains(order.sku());
        c.reserved += outcome.filter(Outcome.RESERVED::equals).isPresent() ? 1 : 0;
        c.rejected += outcome.filter(Outcome.REJECTED::equals).isPresent() ? 1 : 0;
        c.deadLettered += dead ? 1 : 0;
        c.redriven += dead && outcome.isPresent() ? 1 : 0;
        c.lost += outcome.isEmpty() && !dead ? 1 : 0;
        c.unknownSku += unknown ? 1 : 0;
        c.deadLetterMismatches += unknown != dead ? 1 : 0;
        if (outcome.filter(Outcome.RESERVED::equals).isPresent()) {
            reservedBySku.merge(order.sku(), order.quantity(), Integer::sum);
        }
        // A redriven order waited for the catalog fix on purpose; its latency says nothing about iMSG.
        if (!dead) {
            seen.book().answeredAt(order.orderId()).ifPresent(at ->
                    latencies.record(order.priority(), Duration.between(order.createdAt(), at)));
        }
    }

    private void compareStock() {
        seen.stock().forEach((sku, level) -> stock.add(new StockLine(sku, level.initial(),
                reservedBySku.getOrDefault(sku, 0), seen.reservedInDatabase().getOrDefault(sku, 0),
                level.available())));
    }

    private void check() {
        OrderCounts c = counts;
        int unacknowledged = seen.mix().orders() - seen.book().acknowledgedCount();
        checks.add(new Check("every order was acknowledged by the broker (" + unacknowledged + " not)",
                unacknowledged == 0));
        checks.add(new Check("every order was answered or dead-lettered: lost " + c.lost, c.lost == 0));
        checks.add(new Check("no order got two different answers (" + seen.book().conflictingAnswers() + ")",
                seen.book().conflictingAnswers() == 0));
        checks.add(new Check("dead letters are exactly the " + c.unknownSku + " unknown-SKU orders ("
                + c.deadLetterMismatches + " differ); no transient failure was dead-lettered",
                c.deadLetterMismatches == 0));
        // A dead letter may be in the topic twice (written again after the kill, before its offset was
        // committed); both are redriven, and the idempotency record answers the second as the first.
        checks.add(new Check("after the catalog fix, the dead letters of all " + c.deadLettered + " orders were"
                + " redriven (" + seen.redriveMoved() + " records) and answered (" + c.redriven + ")",
                seen.redriveMoved() >= c.deadLettered && c.redriven == c.deadLettered));
        long inconsistent = stock.stream().filter(line -> !line.consistent()).count();
        checks.add(new Check("stock in the database consistent with the answers: initial - reserved == remaining"
                + " for " + (stock.size() - inconsistent) + " of " + stock.size() + " SKUs", inconsistent == 0));
        checks.add(new Check("each order reserved at most once in the database (" + seen.ordersRecordedTwice()
                + " twice)", seen.ordersRecordedTwice() == 0));
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    public List<StockLine> stock() {
        return List.copyOf(stock);
    }

    /** Orders the broker acknowledged. */
    public int placed() {
        return counts.placed;
    }

    public int express() {
        return counts.express;
    }

    public int unknownSku() {
        return counts.unknownSku;
    }

    /** Orders whose (first) answer was a reservation, redriven ones included. */
    public int reserved() {
        return counts.reserved;
    }

    public int rejected() {
        return counts.rejected;
    }

    /** Orders that were dead-lettered, before the redrive. */
    public int deadLettered() {
        return counts.deadLettered;
    }

    /** Dead-lettered orders answered after the redrive. */
    public int redriven() {
        return counts.redriven;
    }

    public int lost() {
        return counts.lost;
    }

    public long duplicateAnswers() {
        return seen.book().duplicateAnswers();
    }

    /** The order service's book: receipts and presence decisions are read from it. */
    public OrderBook book() {
        return seen.book();
    }

    /** Dead-letter records the redrive republished: at least one per dead-lettered order. */
    public long redriveMoved() {
        return seen.redriveMoved();
    }

    public long injectedFailures() {
        return seen.injectedFailures();
    }

    public Optional<String> restart() {
        return seen.restart();
    }

    public String broker() {
        return seen.broker();
    }

    public long seed() {
        return seen.mix().seed();
    }

    public Path workDir() {
        return seen.workDir();
    }

    public List<Path> meterFiles() {
        return seen.meterFiles();
    }

    /** From the start of the order service until every order was answered or dead-lettered (or the timeout). */
    public Duration elapsed() {
        return seen.elapsed();
    }

    /** Orders resolved (answered or dead-lettered) per second of {@link #elapsed()}. */
    public double throughput() {
        double seconds = Math.max(seen.elapsed().toNanos(), 1) / 1e9;
        return (counts.reserved + counts.rejected + counts.deadLettered - counts.redriven) / seconds;
    }

    /** End-to-end latency of the orders that were not dead-lettered, by priority. */
    public Optional<LatencyByPriority.Summary> latency(Priority priority) {
        return latencies.summary(priority);
    }
}
