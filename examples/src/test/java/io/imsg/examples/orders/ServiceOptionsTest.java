package io.imsg.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imsg.examples.orders.inventory.InventoryService;
import io.imsg.examples.orders.order.OrderService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServiceOptionsTest {

    @Test
    void aServiceWithoutAClusterSaysHowToNameOne() {
        assumeTrue(System.getenv("IMSG_BOOTSTRAP_SERVERS") == null, "IMSG_BOOTSTRAP_SERVERS is set here");
        Map<Object, String[]> services = Map.of(new InventoryService(), new String[] {"--data-dir", "unused"},
                new OrderService(), new String[] {"--orders", "1"});
        for (Map.Entry<Object, String[]> service : services.entrySet()) {
            CommandLine cli = new CommandLine(service.getKey());
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err));

            int exitCode = cli.execute(service.getValue());

            assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(err.toString())
                    .contains("no Kafka cluster: give --bootstrap-servers or set IMSG_BOOTSTRAP_SERVERS");
        }
    }

    /** Without a cluster named, a missed check would end in "no Kafka cluster" instead; with one, after contacting it. */
    @Test
    void badOptionsAreUsageErrorsBeforeTheClusterIsContacted() {
        assumeTrue(System.getenv("IMSG_BOOTSTRAP_SERVERS") == null, "IMSG_BOOTSTRAP_SERVERS is set here");
        Map<String[], String> cases = Map.of(
                new String[] {"order", "--orders", "0"}, "orders must be >= 1, was 0",
                new String[] {"order", "--express-percent", "101"}, "express-percent must be between 0 and 100, was 101",
                new String[] {"order", "--rate", "-1"}, "--rate must be >= 0 (was -1)",
                new String[] {"inventory", "--data-dir", "unused", "--initial-units", "-5"},
                "--initial-units must be >= 0, was -5",
                new String[] {"inventory", "--data-dir", "unused", "--transient-failure-percent", "101"},
                "--transient-failure-percent must be between 0 and 100, was 101");
        cases.forEach((args, message) -> {
            CommandLine cli = new CommandLine(args[0].equals("order") ? new OrderService() : new InventoryService());
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err));

            int exitCode = cli.execute(java.util.Arrays.copyOfRange(args, 1, args.length));

            assertThat(exitCode).as(String.join(" ", args)).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(err.toString()).contains(message);
        });
    }
}
