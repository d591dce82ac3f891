package io.imsg.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.examples.demo.DemoReport;
import io.imsg.examples.orders.order.LatencyByPriority;
import io.imsg.schema.Priority;
import io.imsg.schema.ReceiptStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code imsg demo} end to end on the real embedded broker, as an operator runs it, at a smaller
 * size: both services in their own JVMs, the inventory killed with SIGKILL and restarted midway,
 * transient database failures, unknown SKUs dead-lettered and redriven.
 */
class PipelineIT {

    @TempDir
    Path workDir;

    @Test
    void everyOrderEndsAnsweredOrDeadLetteredAndTheStockInTheDatabaseAddsUpAcrossAKill() {
        CommandLine cli = ImsgCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        int exitCode = cli.execute("demo", "--orders", "400", "--express-percent", "20",
                "--unknown-sku-percent", "5", "--transient-failure-percent", "5", "--kill-at-percent", "40",
                "--seed", "42", "--work-dir", workDir.toString(), "--timeout", "40");

        String output = String.format("stdout:%n%s%nstderr:%n%s", out, err);
        System.out.println(out); // the summary, in the failsafe report
        assertThat(exitCode).as("exit code; %s", output).isZero();
        DemoReport report = ((DemoCommand) cli.getSubcommands().get("demo").getCommand()).report().orElseThrow();
        assertThat(report.placed()).isEqualTo(400);
        int stillDeadLettered = report.deadLettered() - report.redriven();
        assertThat(report.reserved() + report.rejected() + stillDeadLettered).as(output).isEqualTo(400);
        assertThat(report.lost()).isZero();
        assertThat(report.restart()).as("the inventory was killed and restarted").isPresent();
        assertThat(report.deadLettered()).isEqualTo(report.unknownSku()).isPositive();
        assertThat(report.redriven()).isEqualTo(report.deadLettered());
        assertThat(report.injectedFailures()).isPositive();
        // Receipts: every answered order (redriven ones included) reported PROCESSED, every dead letter DEAD_LETTERED.
        assertThat(report.book().receiptedCount(ReceiptStatus.PROCESSED)).as(output)
                .isEqualTo(report.reserved() + report.rejected());
        assertThat(report.book().receiptedCount(ReceiptStatus.DEAD_LETTERED)).as(output).isEqualTo(report.deadLettered());
        assertThat(report.stock()).isNotEmpty().allSatisfy(line -> {
            assertThat(line.initial() - line.reservedInDatabase()).as(line.sku()).isEqualTo(line.remaining());
            assertThat(line.reservedInDatabase()).as(line.sku()).isEqualTo(line.reservedAnswered());
        });
        assertThat(out.toString()).contains("PASSED").containsPattern("lost +0\\R");

        // Holds once the broker adapter has priority lanes: express orders overtake the backlog.
        LatencyByPriority.Summary express = report.latency(Priority.HIGH).orElseThrow();
        LatencyByPriority.Summary normal = report.latency(Priority.NORMAL).orElseThrow();
        assertThat(express.p99Millis()).as("express p99 below normal p99; %s", output)
                .isLessThan(normal.p99Millis());
    }
}
