package io.imsg.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad options of {@code imsg demo} fail with exit code 2 before any broker or service starts. */
class DemoUsageTest {

    private final StringWriter err = new StringWriter();

    /**
     * Runs the demo against an address where no broker runs, in a work directory that is not
     * empty: should the check under test be missed, the run stops there, before it starts anything.
     */
    private int run(Path dir, String... args) throws IOException {
        Path workDir = Files.createDirectories(dir.resolve("work"));
        Files.writeString(workDir.resolve("left-over"), "x");
        var cli = ImsgCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
        String[] all = new String[args.length + 5];
        System.arraycopy(args, 0, all, 1, args.length);
        all[0] = "demo";
        all[args.length + 1] = "--bootstrap-servers";
        all[args.length + 2] = "127.0.0.1:9";
        all[args.length + 3] = "--work-dir";
        all[args.length + 4] = workDir.toString();
        return cli.execute(all);
    }

    @Test
    void aKillPointOutsideTheRunIsBadUsage(@TempDir Path dir) throws IOException {
        assertThat(run(dir, "--kill-at-percent", "100")).isEqualTo(2);
        assertThat(err.toString()).contains("kill-at-percent must be between 0 and 99, was 100");
    }

    @Test
    void anOrderMixOutOfRangeIsBadUsage(@TempDir Path dir) throws IOException {
        assertThat(run(dir, "--orders", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("orders must be >= 1, was 0");
        assertThat(run(dir, "--express-percent", "101")).isEqualTo(2);
        assertThat(err.toString()).contains("express-percent must be between 0 and 100, was 101");
    }
}
