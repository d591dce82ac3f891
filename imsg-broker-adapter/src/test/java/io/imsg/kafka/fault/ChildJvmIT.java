package io.imsg.kafka.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.testkit.fault.ChildJvm;
import io.imsg.testkit.fault.ChildMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM runs a main class of this classpath and obeys SIGKILL, SIGSTOP/SIGCONT and SIGTERM. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ChildJvmIT {

    @TempDir
    Path dir;

    @Test
    void theChildRunsTheMainClassWithItsArgumentsAndPropertiesAndReportsItsExitStatus() {
        try (ChildJvm child = probe("exits").arg("7").arg("second").systemProperty("probe", "yes").start()) {
            assertThat(child.awaitExit(Duration.ofSeconds(30))).isTrue();

            assertThat(child.exitStatus()).hasValue(7);
            assertThat(child.outputTail(10)).contains("probe started with 7,second property=yes");
        }
    }

    @Test
    void killEndsTheChildAtOnceWithoutItsShutdownHooks() throws Exception {
        try (ChildJvm child = probe("killed").arg("run").start()) {
            awaitOutput(child, "tick");
            child.kill();

            assertThat(child.isAlive()).isFalse();
            assertThat(child.exitStatus()).hasValue(128 + 9);
            assertThat(child.outputTail(5)).doesNotContain("shutdown hook ran");
        }
    }

    @Test
    void aSuspendedChildStandsStillUntilResumedAndStopRunsItsShutdownHooks() throws Exception {
        try (ChildJvm child = probe("frozen").arg("run").start()) {
            awaitOutput(child, "tick");
            child.suspend();
            Thread.sleep(200); // a tick already being written may still land
            long frozenSize = Files.size(child.outputFile());
            Thread.sleep(1_000);

            assertThat(Files.size(child.outputFile())).as("no ticks while frozen").isEqualTo(frozenSize);
            child.resume();
            awaitGrowth(child, frozenSize);
            child.stop(Duration.ofSeconds(30));

            assertThat(child.exitStatus()).hasValue(128 + 15);
            assertThat(child.outputTail(5)).contains("shutdown hook ran");
        }
    }

    @Test
    void anUnknownMainClassEndsTheChildWithTheUsageStatus() {
        try (ChildJvm child = ChildJvm.builder("io.imsg.NoSuchMain").name("unknown").outputDir(dir).start()) {
            assertThat(child.awaitExit(Duration.ofSeconds(30))).isTrue();

            assertThat(child.exitStatus()).hasValue(ChildMain.EXIT_USAGE);
            assertThat(child.outputTail(5)).contains("IMSG-9121");
        }
    }

    private ChildJvm.Builder probe(String name) {
        return ChildJvm.builder(ChildProbeMain.class.getName()).name(name).outputDir(dir).heap("64m");
    }

    private static void awaitOutput(ChildJvm child, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!child.outputTail(20).contains(text)) {
            assertThat(System.nanoTime()).as("'%s' in the output of %s", text, child).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitGrowth(ChildJvm child, long size) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.size(child.outputFile()) <= size) {
            assertThat(System.nanoTime()).as("%s ticks again after resume", child).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
