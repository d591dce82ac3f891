package io.imsg.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.examples.demo.DemoReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code imsg demo} end to end on the real embedded broker, as an operator runs it. */
class DemoIT {

    @Test
    void theDemoAccountsForEveryOrderAndExitsWithZero() {
        CommandLine cli = ImsgCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        int exitCode = cli.execute("demo", "--orders", "300", "--express-percent", "20",
                "--unknown-sku-percent", "5", "--seed", "42");

        assertThat(exitCode).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
        DemoReport report = ((DemoCommand) cli.getSubcommands().get("demo").getCommand()).report().orElseThrow();
        assertThat(report.placed()).isEqualTo(300);
        assertThat(report.reserved() + report.rejected() + report.deadLettered()).isEqualTo(300);
        assertThat(report.lost()).isZero();
        assertThat(report.deadLettered()).isEqualTo(report.unknownSku()).isPositive();
        assertThat(report.reserved()).isPositive();
        assertThat(report.express()).isPositive();
        assertThat(report.stock()).allSatisfy(line -> assertThat(line.consistent()).isTrue());
        assertThat(out.toString()).contains("PASSED", report.broker()).containsPattern("lost +0\\R");
    }
}
