package io.imsg.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.examples.cli.ImsgCli;
import io.imsg.examples.orders.OrderMix;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aWorkDirectoryThatHoldsAnythingIsRefusedBeforeTheBrokerStarts(@TempDir Path dir) throws IOException {
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("journal.log"), "an earlier run");
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> withWorkDir(used))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("work-dir " + used + " is not empty; give a new directory");
        assertThatThrownBy(() -> withWorkDir(file))
                .hasMessage("work-dir " + file + " is not a directory; give a new directory");
        assertThatCode(() -> withWorkDir(dir.resolve("missing"))).doesNotThrowAnyException();
        assertThatCode(() -> withWorkDir(Files.createDirectories(dir.resolve("empty")))).doesNotThrowAnyException();
    }

    @Test
    void theDemoCommandExitsWithAUsageErrorForAUsedWorkDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("inventory.db"), "an earlier run");
        StringWriter err = new StringWriter();
        var cli = ImsgCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));

        assertThat(cli.execute("demo", "--work-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("work-dir " + dir + " is not empty");
    }

    private static DemoSettings withWorkDir(Path dir) {
        return new DemoSettings(MIX, 3, 40, Optional.of(dir), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(10));
    }

    @Test
    void aBlankClusterAddressIsRefused() {
        assertThatThrownBy(() -> settings(3, 40, Optional.empty(), Optional.of(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bootstrap-servers must not be blank");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new DemoSettings(MIX, 3, 40, Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be > 0, was PT0S");
    }

    private static DemoSettings settings(int transientPercent, int killAt, Optional<Path> dataDir,
            Optional<String> servers) {
        return new DemoSettings(MIX, transientPercent, killAt, Optional.empty(), dataDir, servers,
                Duration.ofSeconds(10));
    }
}
