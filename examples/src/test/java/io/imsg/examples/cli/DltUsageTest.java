package io.imsg.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad options of {@code imsg dlt} fail with exit code 2 before any Kafka client is made. No broker
 * runs at 127.0.0.1:9; should a check be missed, the command fails to reach it within --timeout.
 */
class DltUsageTest {

    private static final String[] CLUSTER = {"--bootstrap-servers", "127.0.0.1:9", "--timeout", "1"};

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        var cli = ImsgCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
        String[] all = new String[args.length + CLUSTER.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(CLUSTER, 0, all, args.length, CLUSTER.length);
        return cli.execute(all);
    }

    @Test
    void aBlankTopicIsRefused() {
        assertThat(run("dlt", "list", "--topic", " ")).isEqualTo(2);
        assertThat(err.toString()).contains("--topic must not be blank");
    }

    @Test
    void aTimeoutBelowOneSecondIsRefused() {
        var cli = ImsgCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));

        assertThat(cli.execute("dlt", "list", "--topic", "orders", "--bootstrap-servers", "127.0.0.1:9",
                "--timeout", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--timeout must be >= 1 second (was 0)");
    }

    @Test
    void aClientConfigThatCannotBeReadIsRefusedNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("client.properties");

        assertThat(run("dlt", "list", "--topic", "orders", "--client-config", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--client-config " + missing + " cannot be read");
    }

    @Test
    void showTakesEitherCoordinatesOrAPositiveLimit() {
        assertThat(run("dlt", "show", "--topic", "orders", "--partition", "0", "--offset", "3", "--limit", "2"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--limit cannot be combined with --partition/--offset");
        assertThat(run("dlt", "show", "--topic", "orders", "--limit", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--limit must be >= 1 (was 0)");
    }

    @Test
    void redriveRefusesALimitBelowOneAndABlankFilter() {
        assertThat(run("dlt", "redrive", "--topic", "orders", "--limit", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--limit must be >= 1 (was -1)");
        assertThat(run("dlt", "redrive", "--topic", "orders", "--route", " ")).isEqualTo(2);
        assertThat(err.toString()).contains("route must not be blank");
        assertThat(run("dlt", "redrive", "--topic", "orders", "--exception-class", "")).isEqualTo(2);
        assertThat(err.toString()).contains("exceptionClass must not be blank");
    }

    @Test
    void aKeyStorePasswordFileThatCannotBeReadIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path store = Files.writeString(dir.resolve("keys.p12"), "not read before the password");
        Path missing = dir.resolve("password.txt");

        assertThat(run("dlt", "show", "--topic", "orders", "--key-store", store.toString(),
                "--key-store-password-file", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--key-store-password-file " + missing + " cannot be read");
    }
}
