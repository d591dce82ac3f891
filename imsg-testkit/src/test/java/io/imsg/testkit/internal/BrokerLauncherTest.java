package io.imsg.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerLauncherTest {

    @Test
    void theBrokerJvmGetsItsWholeHeapFromTheStartSoItNeverGrowsByAFullCollection() {
        BrokerSettings settings = new BrokerSettings(Optional.empty(), Optional.empty(), Map.of(), "384m",
                Duration.ofSeconds(60), Duration.ofSeconds(15));

        List<String> command = BrokerLauncher.command(settings, new BrokerLayout(Path.of("/tmp/imsg-broker-test")),
                BrokerClasspath.load(), Optional.empty());

        assertThat(command).contains("-Xmx384m", "-Xms384m", "-XX:+UseSerialGC");
        assertThat(command).filteredOn(option -> option.startsWith("-Xms")).containsExactly("-Xms384m");
    }
}
