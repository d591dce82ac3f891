package io.imsg.testkit.fault;

import io.imsg.testkit.internal.BrokerProcess;
import io.imsg.testkit.internal.LogTail;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java main class running in a child JVM with this JVM's classpath, so a test can crash it
 * ({@code kill -9}), freeze it ({@code kill -STOP}) or stop it cleanly (SIGTERM), the way an
 * operating system treats a real service.
 *
 * <p>Contract:
 * <ul>
 *   <li>The child runs {@link ChildMain}, which halts it when its standard input closes: a child
 *       never outlives the JVM that started it, whatever way that JVM ends.
 *   <li>Signals go to {@link #pid()} only, never to processes found by name.
 *   <li>Standard output and error are appended to one file, {@link #outputFile()}, so the lines
 *       of both keep their order.
 * </ul>
 * Lifecycle calls are serialized; the methods are thread-safe.
 *
 * <pre>{@code
 * try (ChildJvm consumer = ChildJvm.builder("com.example.ConsumerMain")
 *         .name("consumer-1").outputDir(runDir).arg("bootstrap=" + servers).start()) {
 *     consumer.kill();      // a crash
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Path outputFile;
    private final BrokerProcess process;

    private ChildJvm(String name, Path outputFile, BrokerProcess process) {
        this.name = name;
        this.outputFile = outputFile;
        this.process = process;
    }

    /** A builder for a child that runs {@code mainClass}, which must be on this JVM's classpath. */
    public static Builder builder(String mainClass) {
        return new Builder(mainClass);
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** The name given at build time, used in logs and the output file name. */
    public String name() {
        return name;
    }

    /** Whether the child has not exited (a suspended child is alive). */
    public synchronized boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status, once the child has exited. */
    public synchronized OptionalInt exitStatus() {
        return process.exitStatus();
    }

    /** Kills the child with SIGKILL, as a crash would, and waits until it is gone. */
    public synchronized void kill() {
        if (process.isAlive()) {
            process.kill();
            LOG.info("IMSG-9101 child JVM {} (pid {}) killed with SIGKILL", name, pid());
        }
    }

    /** Freezes the child ({@code kill -STOP}): sockets stay open, nothing is answered. */
    public synchronized void suspend() {
        process.suspend();
        LOG.info("IMSG-9102 child JVM {} (pid {}) suspended with SIGSTOP", name, pid());
    }

    /** Thaws a child frozen by {@link #suspend()} ({@code kill -CONT}). */
    public synchronized void resume() {
        process.resume();
        LOG.info("IMSG-9103 child JVM {} (pid {}) resumed with SIGCONT", name, pid());
    }

    /**
     * Stops the child with SIGTERM (its shutdown hooks run), waits up to {@code timeout}, then
     * kills it. A suspended child is resumed first, or SIGTERM would stay pending.
     */
    public synchronized void stop(Duration timeout) {
        if (process.isAlive()) {
            process.stop(timeout);
            LOG.info("IMSG-9104 child JVM {} (pid {}) stopped, exit status {}", name, pid(), process.exitStatus());
        }
    }

    /** Waits up to {@code timeout} for the child to exit by itself; true if it has. */
    public boolean awaitExit(Duration timeout) {
        return process.waitFor(timeout);
    }

    /** The file holding the child's standard output and error. */
    public Path outputFile() {
        return outputFile;
    }

    /** The last {@code lines} lines of the child's output, for failure messages. */
    public String outputTail(int lines) {
        return LogTail.of(outputFile, lines);
    }

    /** Stops the child (SIGTERM, then SIGKILL after 30 s); idempotent. */
    @Override
    public void close() {
        stop(STOP_TIMEOUT);
    }

    @Override
    public String toString() {
        return "child JVM " + name + " (pid " + pid() + ")";
    }

    /** Settings of a {@link ChildJvm}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {

        private final String mainClass;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private String name = "child";
        private String heap = "256m";
        private Path outputDir = Path.of(System.getProperty("java.io.tmpdir"));

        private Builder(String mainClass) {
            this.mainClass = requireNonBlank(mainClass, "mainClass");
        }

        /** Appends one program argument. */
        public Builder arg(String arg) {
            args.add(Objects.requireNonNull(arg, "arg must not be null"));
            return this;
        }

        /** Appends program arguments. */
        public Builder args(List<String> more) {
            more.forEach(this::arg);
            return this;
        }

        /** A {@code -Dkey=value} for the child. */
        public Builder systemProperty(String key, String value) {
            systemProperties.put(requireNonBlank(key, "systemProperty key"),
                    Objects.requireNonNull(value, "systemProperty '" + key + "' value must not be null"));
            return this;
        }

        /** A short name for logs and the output file ({@code <name>.log}); default "child". */
        public Builder name(String name) {
            if (!requireNonBlank(name, "name").matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("name must be [A-Za-z0-9._-]+, was '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /** The child's maximum heap, as for {@code -Xmx}; default 256m. */
        public Builder heap(String heap) {
            if (!requireNonBlank(heap, "heap").matches("[0-9]+[kmgKMG]")) {
                throw new IllegalArgumentException("heap must look like 256m or 1g, was '" + heap + "'");
            }
            this.heap = heap;
            return this;
        }

        /** Where the output file goes; default the temporary directory. */
        public Builder outputDir(Path outputDir) {
            this.outputDir = Objects.requireNonNull(outputDir, "outputDir must not be null");
            return this;
        }

        /** Launches the child and returns at once; the main class runs from there. */
        public ChildJvm start() {
            Path output = outputDir.resolve(name + ".log");
            BrokerProcess process = BrokerProcess.start(command(), outputDir, output);
            LOG.info("IMSG-9100 child JVM {} started: pid {}, main {}, output {}", name, process.pid(), mainClass,
                    output);
            return new ChildJvm(name, output, process);
        }

        List<String> command() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + heap);
            // One GC thread: the test machine may have two cores, shared with a broker and a test.
            command.add("-XX:+UseSerialGC");
            command.add("-XX:+ExitOnOutOfMemoryError");
            command.add("-Djava.awt.headless=true");
            systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(ChildMain.class.getName());
            command.add(mainClass);
            command.addAll(args);
            return command;
        }

        private static String requireNonBlank(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
