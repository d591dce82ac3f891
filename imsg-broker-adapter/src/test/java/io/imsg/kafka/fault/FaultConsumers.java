package io.imsg.kafka.fault;

import io.imsg.testkit.fault.ChildJvm;
import io.imsg.testkit.fault.FaultRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Starts {@link FaultConsumerMain} children for a fault run and tells when one is consuming. */
final class FaultConsumers {

    /** Ledger family of successful handlings: {@code handled-<pid>}; see {@link FaultConsumerMain}. */
    static final String HANDLED = "handled";
    /** Ledger family a child writes its pid to once it consumes: {@code ready-<pid>}. */
    static final String READY = "ready";

    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <!-- Kafka clients log their whole configuration at INFO, and every reconnect. -->
              <logger name="org.apache.kafka" level="WARN"/>
              <!-- Joins, assignments and revocations: what a failed run is read with. -->
              <logger name="org.apache.kafka.clients.consumer.internals.ConsumerCoordinator" level="INFO"/>
              <logger name="org.apache.kafka.clients.consumer.internals.AbstractCoordinator" level="INFO"/>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private FaultConsumers() {}

    /** Launches a consumer child named {@code name}; its output goes to {@code <run dir>/<name>.log}. */
    static ChildJvm start(FaultRun run, String name, FaultConsumerConfig config) {
        return ChildJvm.builder(FaultConsumerMain.class.getName())
                .name(name)
                .outputDir(run.dir())
                .heap("256m")
                .systemProperty("logback.configurationFile", logbackConfig(run.dir()).toString())
                .args(config.toArgs())
                .start();
    }

    /** Waits until {@code child} has started consuming; fails at once if it died. */
    static void awaitReady(FaultRun run, ChildJvm child, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (run.ledger().lines(READY + "-" + child.pid()).isEmpty()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(child + (child.isAlive() ? " not ready after " + timeout
                        : " exited with " + child.exitStatus()) + System.lineSeparator() + child.outputTail(40));
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits until {@code child} handles {@code count} more messages: it holds partitions and
     * works on them, so a fault injected now hits work in progress, not a member between
     * assignments.
     */
    static void awaitHandling(FaultRun run, ChildJvm child, int count, Duration timeout)
            throws InterruptedException {
        int target = handledBy(run, child) + count;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handledBy(run, child) < target) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(child + " did not handle " + count + " more messages within " + timeout
                        + System.lineSeparator() + child.outputTail(40));
            }
            Thread.sleep(100);
        }
    }

    /** Successful handlings recorded so far by {@code child}. */
    static int handledBy(FaultRun run, ChildJvm child) {
        return run.ledger().lines(HANDLED + "-" + child.pid()).size();
    }

    private static Path logbackConfig(Path dir) {
        Path file = dir.resolve("logback-child.xml");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, LOGBACK);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
