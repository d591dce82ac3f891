package io.imsg.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.Message;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.examples.orders.inventory.Catalog;
import io.imsg.examples.orders.order.LatencyByPriority;
import io.imsg.examples.orders.order.OrderBook;
import io.imsg.examples.orders.order.OrderDesk;
import io.imsg.examples.orders.order.OrderReplies;
import io.imsg.examples.testing.FakePublisher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoReportTest {

    private final OrderBook book = new OrderBook();
    private final LatencyByPriority latencies = new LatencyByPriority();
    private final FakePublisher publisher = new FakePublisher();
    private final OrderDesk desk = new OrderDesk(publisher, book);
    private final OrderReplies replies = new OrderReplies(book, latencies);

    @Test
    void aRunWhereEveryOrderIsAccountedForPasses() {
        Catalog catalog = Catalog.of(Map.of("SKU-01", 8));
        desk.place(new OrderPlaced("o-1", "SKU-01", 3, false));
        String unknown = desk.place(new OrderPlaced("o-2", "SKU-404", 1, false)).join().messageId();
        reserve(catalog, "o-1", 3);

        DemoReport report = report(catalog, Set.of(unknown));

        assertThat(report.checks()).allSatisfy(check -> assertThat(check.passed()).as(check.description()).isTrue());
        assertThat(report.placed()).isEqualTo(2);
        assertThat(report.reserved()).isEqualTo(1);
        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.lost()).isZero();
        assertThat(printed(report)).contains("PASSED");
    }

    @Test
    void anOrderNeitherAnsweredNorDeadLetteredIsLostAndFailsTheRun() {
        Catalog catalog = Catalog.of(Map.of("SKU-01", 8));
        desk.place(new OrderPlaced("o-1", "SKU-01", 3, false));

        DemoReport report = report(catalog, Set.of());

        assertThat(report.lost()).isEqualTo(1);
        assertThat(report.passed()).isFalse();
        assertThat(printed(report)).contains("[FAIL] every order was answered or dead-lettered: lost 1", "FAILED");
    }

    @Test
    void stockTakenWithoutAnAnswerFailsTheStockCheck() {
        Catalog catalog = Catalog.of(Map.of("SKU-01", 8));
        catalog.reserve("not-an-order-of-this-run", "SKU-01", 2);

        DemoReport report = report(catalog, Set.of());

        assertThat(report.stock()).singleElement().satisfies(line -> assertThat(line.consistent()).isFalse());
        assertThat(report.passed()).isFalse();
    }

    private void reserve(Catalog catalog, String orderId, int quantity) {
        Catalog.Reserved reserved = (Catalog.Reserved) catalog.reserve(orderId, "SKU-01", quantity);
        replies.reserved(Message.of(new InventoryReserved(orderId, "SKU-01", quantity, reserved.remaining())), null);
    }

    private DemoReport report(Catalog catalog, Set<String> deadLetterIds) {
        return DemoReport.of(new DemoReport.Observations("test broker", 1, book, deadLetterIds, catalog, latencies,
                deadLetterIds.size(), Duration.ofSeconds(1)));
    }

    private static String printed(DemoReport report) {
        StringWriter text = new StringWriter();
        new ReportPrinter(new PrintWriter(text)).print(report);
        return text.toString();
    }
}
