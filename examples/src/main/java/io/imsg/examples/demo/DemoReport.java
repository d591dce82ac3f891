package io.imsg.examples.demo;

import io.imsg.examples.orders.inventory.Catalog;
import io.imsg.examples.orders.order.LatencyByPriority;
import io.imsg.examples.orders.order.OrderBook;
import io.imsg.examples.orders.order.OrderBook.Outcome;
import io.imsg.examples.orders.order.OrderBook.PlacedOrder;
import io.imsg.schema.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a demo run observed, order by order, and the checks it must pass. Built once at the end of
 * a run from the ledgers of both services and the dead-letter topic, and not changed afterwards.
 *
 * <p>With A the orders the broker acknowledged, P the orders answered, D the orders found in the
 * dead-letter topic: lost is |A \ (P ∪ D)|, and |P ∩ D| must be 0 (see RELIABILITY.md).
 */
public final class DemoReport {

    /** One consistency check and whether it held. */
    public record Check(String description, boolean passed) {}

    /** One SKU's stock: what it started with, what answers said was reserved, what is left. */
    public record StockLine(String sku, int initial, int reserved, int remaining) {

        public boolean consistent() {
            return initial - reserved == remaining;
        }
    }

    /** What the run saw, gathered by {@link DemoRun}. */
    record Observations(String broker, long seed, OrderBook book, Set<String> deadLetterIds, Catalog catalog,
            LatencyByPriority latencies, double deadLetterMetric, Duration elapsed) {}

    private final Observations seen;
    private int placed;
    private int express;
    private int reserved;
    private int rejected;
    private int deadLettered;
    private int lost;
    private int answeredAndDeadLettered;
    private int unknownSku;
    private int deadLetterMismatches;
    private final Map<String, Integer> reservedBySku = new TreeMap<>();
    private final List<StockLine> stock = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();

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
        placed++;
        express += order.priority() == Priority.HIGH ? 1 : 0;
        Optional<Outcome> outcome = seen.book().outcomeOf(order.orderId());
        boolean dead = seen.deadLetterIds().contains(order.messageId());
        boolean unknown = !seen.catalog().carries(order.sku());
        reserved += outcome.filter(Outcome.RESERVED::equals).isPresent() ? 1 : 0;
        rejected += outcome.filter(Outcome.REJECTED::equals).isPresent() ? 1 : 0;
        deadLettered += dead ? 1 : 0;
        lost += outcome.isEmpty() && !dead ? 1 : 0;
        answeredAndDeadLettered += outcome.isPresent() && dead ? 1 : 0;
        unknownSku += unknown ? 1 : 0;
        deadLetterMismatches += unknown != dead ? 1 : 0;
        if (outcome.filter(Outcome.RESERVED::equals).isPresent()) {
            reservedBySku.merge(order.sku(), order.quantity(), Integer::sum);
        }
    }

    private void compareStock() {
        Map<String, Integer> remaining = seen.catalog().remainingStock();
        new TreeMap<>(seen.catalog().initialStock()).forEach((sku, initial) -> stock.add(
                new StockLine(sku, initial, reservedBySku.getOrDefault(sku, 0), remaining.get(sku))));
    }

    private void check() {
        int unacknowledged = seen.book().unacknowledgedCount();
        checks.add(new Check("every order was acknowledged by the broker (" + unacknowledged + " not)",
                unacknowledged == 0));
        checks.add(new Check("every order was answered or dead-lettered: lost " + lost, lost == 0));
        checks.add(new Check("no order was both answered and dead-lettered (" + answeredAndDeadLettered + ")",
                answeredAndDeadLettered == 0));
        checks.add(new Check("no order got two different answers (" + seen.book().conflictingAnswers() + ")",
                seen.book().conflictingAnswers() == 0));
        long inconsistent = stock.stream().filter(line -> !line.consistent()).count();
        checks.add(new Check("stock consistent: initial - reserved == remaining for " + (stock.size() - inconsistent)
                + " of " + stock.size() + " SKUs", inconsistent == 0));
        checks.add(new Check("dead letters are exactly the " + unknownSku + " unknown-SKU orders ("
                + deadLetterMismatches + " differ)", deadLetterMismatches == 0));
        checks.add(new Check("orders.dlt agrees with the inventory service's dead_letter metric ("
                + (long) seen.deadLetterMetric() + ")", seen.deadLetterMetric() == deadLettered));
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
        return placed;
    }

    public int express() {
        return express;
    }

    public int unknownSku() {
        return unknownSku;
    }

    public int reserved() {
        return reserved;
    }

    public int rejected() {
        return rejected;
    }

    public int deadLettered() {
        return deadLettered;
    }

    public int lost() {
        return lost;
    }

    public long duplicateAnswers() {
        return seen.book().duplicateAnswers();
    }

    public long strayAnswers() {
        return seen.book().strayAnswers();
    }

    public String broker() {
        return seen.broker();
    }

    public long seed() {
        return seen.seed();
    }

    /** From the first order sent to the last answer or dead letter (or to the timeout). */
    public Duration elapsed() {
        return seen.elapsed();
    }

    /** Orders resolved (answered or dead-lettered) per second of {@link #elapsed()}. */
    public double throughput() {
        double seconds = Math.max(seen.elapsed().toNanos(), 1) / 1e9;
        return (reserved + rejected + deadLettered) / seconds;
    }

    public Optional<LatencyByPriority.Summary> latency(Priority priority) {
        return seen.latencies().summary(priority);
    }
}
