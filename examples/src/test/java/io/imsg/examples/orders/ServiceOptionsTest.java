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
}
