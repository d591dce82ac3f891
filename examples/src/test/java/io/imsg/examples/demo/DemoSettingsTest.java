package io.imsg.examples.demo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.examples.orders.OrderMix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    private static final OrderMix MIX = new OrderMix(10, 10, 5, 1);

    @Test
    void aKillPointOutsideTheRunIsRefused() {
        assertThatThrownBy(() -> settings(3, 100, Optional.empty(), Optional.empty()))
                .hasMessage("kill-at-percent must be between 0 and 99, was 100");
    }

    @Test
    void aTransientFailureShareOutsideZeroToHundredIsRefused() {
        assertThatThrownBy(() -> settings(-1, 40, Optional.empty(), Optional.empty()))
                .hasMessage("transient-failure-percent must be between 0 and 100, was -1");
    }

    @Test
    void aBrokerDataDirectoryWithAnExistingClusterIsRefused() {
        assertThatThrownBy(() -> settings(3, 40, Optional.of(Path.of("data")), Optional.of("host:9092")))
                .hasMessageContaining("data-dir is for the embedded broker");
    }

    private static DemoSettings settings(int transientPercent, int killAt, Optional<Path> dataDir,
            Optional<String> servers) {
        return new DemoSettings(MIX, transientPercent, killAt, Optional.empty(), dataDir, servers,
                Duration.ofSeconds(10));
    }
}
