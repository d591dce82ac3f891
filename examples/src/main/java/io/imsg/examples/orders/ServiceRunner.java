package io.imsg.examples.orders;

import io.imsg.guice.ImsgService;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a started service until the JVM is asked to stop (SIGTERM, Ctrl-C): then closes it, which
 * finishes in-flight handlers and commits their offsets, and writes the meters one last time.
 */
public final class ServiceRunner {

    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * Starts {@code service}, with {@code cleanup} run after it is closed, and returns a runner
     * whose {@link #awaitStop()} blocks until shutdown.
     */
    public static ServiceRunner start(String name, ImsgService service, MeterRegistry registry,
            Optional<Path> metricsFile, AutoCloseable cleanup) {
        ServiceRunner runner = new ServiceRunner();
        Optional<MeterFile> meters = metricsFile.map(file -> MeterFile.start(registry, file));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("IMSG-7002 {} stopping", name);
            service.close();
            meters.ifPresent(MeterFile::close);
            try {
                cleanup.close();
            } catch (Exception e) {
                log.warn("IMSG-7003 {}: cleanup failed: {}", name, e.toString());
            }
            runner.stopped.countDown();
        }, name + "-shutdown"));
        service.start();
        log.info("IMSG-7001 {} running (pid {}); meters in {}", name, ProcessHandle.current().pid(),
                metricsFile.map(Path::toString).orElse("no file (--metrics-file)"));
        return runner;
    }

    /** Blocks until the shutdown hook has closed the service. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Blocks until the service was closed or {@code timeout} passed; true if it was closed. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
