package io.imsg.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-process mechanics, with a small child JVM instead of a broker. */
class BrokerProcessTest {

    @TempDir
    Path dir;

    private BrokerProcess child;

    @AfterEach
    void killTheChildByItsPid() {
        if (child != null) {
            child.kill();
        }
    }

    @Test
    void childExitsWhenParentStdinCloses() throws Exception {
        child = startTickingChild();

        child.closeStdin();

        assertThat(child.waitFor(Duration.ofSeconds(10))).as("child exited").isTrue();
        assertThat(child.exitStatus()).hasValue(ParentWatch.EXIT_PARENT_GONE);
    }

    @Test
    void gracefulStopLetsShutdownHooksFinish() throws Exception {
        child = startTickingChild();

        child.stop(Duration.ofSeconds(10));

        assertThat(child.isAlive()).isFalse();
        assertThat(output()).contains("shutdown hook finished").doesNotContain("parent JVM is gone");
    }

    @Test
    void suspendFreezesTheChildUntilResumed() throws Exception {
        child = startTickingChild();

        child.suspend();
        Thread.sleep(200); // let a tick already on its way land
        long frozen = ticks();
        Thread.sleep(500);
        long stillFrozen = ticks();
        child.resume();
        Thread.sleep(500);

        assertThat(stillFrozen).isEqualTo(frozen);
        assertThat(ticks()).isGreaterThan(stillFrozen);
    }

    @Test
    void killEndsEvenASuspendedChild() throws Exception {
        child = startTickingChild();
        child.suspend();

        child.kill();

        assertThat(child.isAlive()).isFalse();
        assertThat(child.isSuspended()).isFalse();
    }

    private BrokerProcess startTickingChild() throws Exception {
        String classpath = Stream.of(TickingChild.class, ParentWatch.class)
                .map(type -> Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString())
                .distinct()
                .reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = BrokerProcess.start(
                List.of(java, "-Xmx32m", "-cp", classpath, TickingChild.class.getName()), dir, dir.resolve("out.txt"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!output().contains("ready") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(output()).as("child started").contains("ready");
        return child;
    }

    private String output() throws Exception {
        Path out = dir.resolve("out.txt");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    private long ticks() throws Exception {
        return output().lines().filter(line -> line.startsWith("tick")).count();
    }
}
