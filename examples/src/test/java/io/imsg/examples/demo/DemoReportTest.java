package io.imsg.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.Message;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderMix;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.examples.orders.inventory.StockDatabase.StockLevel;
import io.imsg.examples.orders.order.LatencyByPriority;
import io.imsg.examples.orders.order.OrderBook;
import io.imsg.examples.orders.order.OrderDesk;
import io.imsg.examples.orders.order.OrderReplies;
import io.imsg.examples.orders.order.RecipientPresence;
import io.imsg.examples.testing.FakePublisher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoReportTest {

    private static final String UNKNOWN_SKU = OrderMix.unknownSkus().get(0);

    private final OrderBook book = new OrderBook();
    private final OrderDesk desk = new OrderDesk(new FakePublisher()::publish, book, RecipientPresence.assumeOnline());
    private final OrderReplies replies = new OrderReplies(book, new LatencyByPriority());

    @Test
    void aRunWhereEveryOrderIsAccountedForPasses() {
        desk.place(new OrderPlaced("o-1", "SKU-01", 3, false));
        String unknown = desk.place(new OrderPlaced("o-2", UNKNOWN_SKU, 1, false)).join().messageId();
        answerReserved("o-1", "SKU-01", 3);
        answerReserved("o-2", UNKNOWN_SKU, 1); // after the redrive

        DemoReport report = report(Set.of(unknown), Map.of("SKU-01", 3, UNKNOWN_SKU, 1), 1);

        assertThat(report.checks()).allSatisfy(check -> assertThat(check.passed()).as(check.description()).isTrue());
        assertThat(report.placed()).isEqualTo(2);
        assertThat(report.reserved()).isEqualTo(2);
        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.redriven()).isEqualTo(1);
        assertThat(report.lost()).isZero();
        assertThat(report.latency(io.imsg.schema.Priority.NORMAL)).get()
                .satisfies(summary -> assertThat(summary.count()).as("redriven orders are left out").isEqualTo(1));
        assertThat(printed(report)).contains("PASSED");
    }

    @Test
    void anOrderNeitherAnsweredNorDeadLetteredIsLostAndFailsTheRun() {
        desk.place(new OrderPlaced("o-1", "SKU-01", 3, false));

        DemoReport report = report(Set.of(), Map.of(), 0);

        assertThat(report.lost()).isEqualTo(1);
        assertThat(report.passed()).isFalse();
        assertThat(printed(report)).contains("[FAIL] every order was answered or dead-lettered: lost 1", "FAILED");
    }

    @Test
    void stockTakenInTheDatabaseWithoutAnAnswerFailsTheStockCheck() {
        desk.place(new OrderPlaced("o-1", "SKU-01", 3, false));
        answerReserved("o-1", "SKU-01", 3);

        // The database says 5 units were taken (a double reservation), the answers say 3.
        DemoReport report = report(Set.of(), Map.of("SKU-01", 5), 0);

        assertThat(report.stock()).filteredOn(line -> line.sku().equals("SKU-01"))
                .singleElement().satisfies(line -> assertThat(line.consistent()).isFalse());
        assertThat(report.passed()).isFalse();
    }

    private void answerReserved(String orderId, String sku, int quantity) {
        replies.reserved(Message.of(new InventoryReserved(orderId, sku, quantity, 0)), null);
    }

    private DemoReport report(Set<String> deadLetterIds, Map<String, Integer> reservedInDatabase, long redriven) {
        Map<String, StockLevel> stock = Map.of(
                "SKU-01", new StockLevel(8, 8 - reservedInDatabase.getOrDefault("SKU-01", 0)),
                UNKNOWN_SKU, new StockLevel(10, 10 - reservedInDatabase.getOrDefault(UNKNOWN_SKU, 0)));
        OrderMix mix = new OrderMix(book.acknowledgedCount(), 0, 0, 1);
        return DemoReport.of(new DemoReport.Observations("test broker", mix, book, deadLetterIds, stock,
                reservedInDatabase, 0, redriven, 0, Optional.empty(), Duration.ofSeconds(1), Path.of("work"),
                List.of(Path.of("work/order-service.meters"))));
    }

    private static String printed(DemoReport report) {
        StringWriter text = new StringWriter();
        new ReportPrinter(new PrintWriter(text)).print(report);
        return text.toString();
    }
}
