package io.imsg.examples.demo;

import io.imsg.examples.orders.order.LatencyByPriority;
import io.imsg.examples.orders.order.OrderBook;
import io.imsg.schema.Priority;
import io.imsg.schema.ReceiptStatus;
import java.io.PrintWriter;
import java.util.Optional;

/** Prints a {@link DemoReport} as the demo's summary: numbers first, then every check. */
public final class ReportPrinter {

    private static final String INDENT = "            ";

    private final PrintWriter out;

    public ReportPrinter(PrintWriter out) {
        this.out = out;
    }

    public void print(DemoReport report) {
        out.println();
        out.println("iMSG demo: order-service -> orders -> inventory-service (H2) -> inventory-events -> order-service");
        out.println();
        out.printf("broker      %s%n", report.broker());
        out.printf("orders      %d placed: %d express (priority HIGH), %d for unknown SKUs; seed %d%n",
                report.placed(), report.express(), report.unknownSku(), report.seed());
        out.printf("faults      %s%n", report.restart().orElse("no kill (--kill-at-percent 0)"));
        out.printf("%s%d transient database failures injected and retried in process%n", INDENT,
                report.injectedFailures());
        out.println();
        outcome(report);
        out.printf("time        %.2f s from starting order-service to %s: %.0f orders/s%n",
                report.elapsed().toMillis() / 1000.0, report.lost() == 0 ? "the last answer" : "the timeout",
                report.throughput());
        out.println();
        latency(report);
        stock(report);
        files(report);
        checks(report);
        out.flush();
    }

    private void outcome(DemoReport report) {
        out.printf("outcome     reserved       %6d%n", report.reserved());
        out.printf("%srejected       %6d   insufficient stock%n", INDENT, report.rejected());
        out.printf("%sdead-lettered  %6d   unknown SKU, found in orders.dlt%n", INDENT, report.deadLettered());
        out.printf("%sredriven       %6d   answered after the catalog fix (counted above as well; %d records"
                + " redriven)%n", INDENT, report.redriven(), report.redriveMoved());
        out.printf("%slost           %6d%n", INDENT, report.lost());
        out.printf("%s(duplicate answers %d: redeliveries after the kill, answered again from the database)%n",
                INDENT, report.duplicateAnswers());
        out.println();
        peers(report.book());
    }

    /** What presence and receipts told the order service. */
    private void peers(OrderBook book) {
        out.printf("receipts    %6d orders PROCESSED, %d DEAD_LETTERED (%d receipts in all, repeats after the kill"
                + " included)%n", book.receiptedCount(ReceiptStatus.PROCESSED),
                book.receiptedCount(ReceiptStatus.DEAD_LETTERED), book.receiptCount());
        out.printf("presence    %6d orders sent while inventory-service was offline: policy send anyway, Kafka kept"
                + " them%n", book.sentWhileRecipientOfflineCount());
        out.println();
    }

    private void latency(DemoReport report) {
        out.printf("latency     %-34s %6s %9s %9s %9s%n", "order created -> answer handled", "count", "p50",
                "p99", "max");
        for (Priority priority : new Priority[] {Priority.HIGH, Priority.NORMAL}) {
            Optional<LatencyByPriority.Summary> summary = report.latency(priority);
            if (summary.isPresent()) {
                LatencyByPriority.Summary s = summary.get();
                out.printf("%s%-34s %6d %6.1f ms %6.1f ms %6.1f ms%n", INDENT, priority, s.count(), s.p50Millis(),
                        s.p99Millis(), s.maxMillis());
            } else {
                out.printf("%s%-34s %6d%n", INDENT, priority, 0);
            }
        }
        out.println();
    }

    private void stock(DemoReport report) {
        out.printf("stock       %-9s %8s %9s %11s %10s%n", "SKU", "initial", "reserved", "reserved in", "remaining");
        out.printf("%s%-9s %8s %9s %11s %10s%n", INDENT, "", "", "(answers)", "(database)", "(database)");
        for (DemoReport.StockLine line : report.stock()) {
            out.printf("%s%-9s %8d %9d %11d %10d   %s%n", INDENT, line.sku(), line.initial(), line.reservedAnswered(),
                    line.reservedInDatabase(), line.remaining(), line.consistent() ? "ok" : "MISMATCH");
        }
        out.println();
    }

    private void files(DemoReport report) {
        out.printf("files       %s: the stock database (inventory-db), orders.journal, each process's log%n",
                report.workDir());
        out.printf("metrics     %s (imsg.* meters, rewritten every 2 s)%n",
                report.meterFiles().stream().map(file -> file.getFileName().toString())
                        .collect(java.util.stream.Collectors.joining(", ")));
        out.println();
    }

    private void checks(DemoReport report) {
        String label = "checks      ";
        for (DemoReport.Check check : report.checks()) {
            out.printf("%s[%s] %s%n", label, check.passed() ? " ok " : "FAIL", check.description());
            label = INDENT;
        }
        out.println();
        out.println(report.passed()
                ? "PASSED: every order is accounted for and the stock adds up."
                : "FAILED: see the checks marked FAIL above.");
    }
}
