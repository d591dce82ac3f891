package io.imsg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.testkit.internal.DataDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker never outlives the JVM that started it, even one killed with SIGKILL, whose
 * shutdown hooks never run: only the closed standard-input pipe tells the broker.
 */
class ParentDeathIT {

    @TempDir
    Path dir;

    @Test
    void brokerExitsWhenItsParentJvmIsKilled() throws Exception {
        Path output = dir.resolve("parent.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                BrokerParentMain.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        Map<String, String> printed = Map.of();
        try {
            printed = awaitPrinted(output, parent, Duration.ofSeconds(90));
            long brokerPid = Long.parseLong(printed.get("BROKER_PID"));
            assertThat(ProcessHandle.of(brokerPid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            assertThat(exitsWithin(brokerPid, Duration.ofSeconds(15))).as("broker pid %d exited", brokerPid).isTrue();
        } finally {
            parent.destroyForcibly();
            Optional.ofNullable(printed.get("BROKER_PID"))
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                    .ifPresent(ProcessHandle::destroyForcibly); // by pid, and only if the test failed
            Optional.ofNullable(printed.get("DATA_DIR")).map(Path::of).ifPresent(DataDirs::deleteRecursively);
        }
    }

    /** The {@code KEY=value} lines the parent printed, once both keys are there. */
    private static Map<String, String> awaitPrinted(Path output, Process parent, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && parent.isAlive()) {
            Map<String, String> values = Files.readAllLines(output).stream()
                    .filter(line -> line.startsWith("BROKER_PID=") || line.startsWith("DATA_DIR="))
                    .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                            line -> line.substring(line.indexOf('=') + 1)));
            if (values.size() == 2) {
                return values;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the parent JVM did not report a started broker; its output:\n" + Files.readString(output));
    }

    private static boolean exitsWithin(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
