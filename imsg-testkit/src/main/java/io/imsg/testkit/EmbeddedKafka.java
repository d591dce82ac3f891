package io.imsg.testkit;

import io.imsg.testkit.internal.BrokerLauncher;
import io.imsg.testkit.internal.BrokerLayout;
import io.imsg.testkit.internal.BrokerPorts;
import io.imsg.testkit.internal.BrokerProcess;
import io.imsg.testkit.internal.BrokerSettings;
import io.imsg.testkit.internal.DataDirs;
import io.imsg.testkit.internal.SecureListeners;
import io.imsg.testkit.internal.TopicReadiness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in a child JVM on
 * 127.0.0.1, built from the Kafka artifacts the testkit depends on. No Docker needed.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start()} returns once an Admin client sees the broker; it fails with an
 *       {@link EmbeddedKafkaException} that carries the tail of the broker's log.
 *   <li>The two ports are chosen at the first start and kept: {@link #restart()} and
 *       {@link #start()} after {@link #kill()} reuse them and the same log directory, so
 *       clients reconnect and acknowledged records are still there.
 *   <li>The child is only ever signalled through its own process id ({@link #pid()}). It
 *       never outlives this JVM: it halts when its standard input (a pipe from this JVM)
 *       closes, and a shutdown hook kills it too.
 * </ul>
 * All methods are thread-safe; lifecycle calls are serialized.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
 *     kafka.createTopic("orders", 3);
 *     // ... clients with kafka.bootstrapServers() ...
 *     kafka.kill();     // a crash
 *     kafka.restart();  // same ports, same data
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerSettings settings;
    private final boolean temporaryDataDir;
    private final Thread exitHook;
    private volatile BrokerLayout layout;
    private volatile BrokerPorts ports;
    private volatile BrokerProcess process;
    private Duration lastStartup;
    private boolean hookRegistered;
    private boolean closed;
    private final SecureListener secure;
    private volatile int securePort;

    EmbeddedKafka(BrokerSettings settings) {
        this(settings, null);
    }

    EmbeddedKafka(BrokerSettings settings, SecureListener secure) {
        this.secure = secure;
        this.settings = settings;
        this.temporaryDataDir = settings.dataDir().isEmpty();
        this.layout = settings.dataDir().map(BrokerLayout::new).orElse(null);
        this.exitHook = new Thread(this::onJvmExit, "imsg-embedded-kafka-exit");
    }

    /** A builder with the defaults: temporary data directory, 512m heap, 60 s start timeout. */
    public static EmbeddedKafkaBuilder builder() {
        return new EmbeddedKafkaBuilder(BrokerSettings.defaults());
    }

    /**
     * Starts the broker: picks the ports on the first start, formats the log directory if it
     * is new, launches the child JVM and waits until it serves clients.
     *
     * @return this
     * @throws IllegalStateException if it is running already or was closed
     * @throws EmbeddedKafkaException if it does not become ready within the start timeout
     */
    public synchronized EmbeddedKafka start() {
        if (closed) {
            throw new IllegalStateException("this EmbeddedKafka was closed; build a new one");
        }
        if (isRunning()) {
            throw new IllegalStateException("the broker is running already, pid " + process.pid());
        }
        if (ports == null) {
            ports = BrokerPorts.pickFree();
        }
        registerExitHook();
        long begin = System.nanoTime();
        if (secure != null && securePort == 0) {
            securePort = SecureListeners.pickFreePort();
        }
        process = secure == null ? BrokerLauncher.launch(settings, layout(), ports)
                : SecureListeners.launch(settings, layout(), ports, secure, securePort);
        BrokerLauncher.awaitReady(process, settings, layout(), ports, EmbeddedKafkaException::new);
        if (secure != null) {
            SecureListeners.createUsers(secure, ports.bootstrapServers());
        }
        lastStartup = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info("IMSG-9001 embedded Kafka broker ready at {} (pid {}) in {} ms, data in {}",
                ports.bootstrapServers(), process.pid(), lastStartup.toMillis(), layout().dataDir());
        return this;
    }

    /** Stops the broker gracefully (SIGTERM), killing it after the stop timeout; idempotent. */
    public synchronized void stop() {
        BrokerProcess current = process;
        if (current != null && current.isAlive()) {
            current.stop(settings.stopTimeout());
            LOG.info("IMSG-9002 embedded Kafka broker (pid {}) stopped", current.pid());
        }
    }

    /** Kills the broker (SIGKILL) as a crash would, and waits until it is gone; idempotent. */
    public synchronized void kill() {
        BrokerProcess current = process;
        if (current != null && current.isAlive()) {
            current.kill();
            LOG.info("IMSG-9003 embedded Kafka broker (pid {}) killed", current.pid());
        }
    }

    /** Stops the broker if it runs, then starts it on the same ports and log directory. */
    public synchronized EmbeddedKafka restart() {
        stop();
        return start();
    }

    /**
     * Freezes the broker ({@code kill -STOP}): connections stay open but nothing is answered,
     * as with a long GC pause or a hung host. {@link #resume()} thaws it; {@link #stop()} and
     * {@link #close()} thaw it first.
     */
    public synchronized void suspend() {
        running().suspend();
        LOG.info("IMSG-9004 embedded Kafka broker (pid {}) suspended", process.pid());
    }

    /** Thaws a broker frozen by {@link #suspend()} ({@code kill -CONT}). */
    public synchronized void resume() {
        running().resume();
        LOG.info("IMSG-9005 embedded Kafka broker (pid {}) resumed", process.pid());
    }

    /**
     * The process id of the current (or last) child JVM.
     *
     * @throws IllegalStateException if the broker was never started
     */
    public long pid() {
        BrokerProcess current = process;
        if (current == null) {
            throw new IllegalStateException("the broker was never started");
        }
        return current.pid();
    }

    /** Whether the child JVM is alive (a suspended broker is alive). */
    public boolean isRunning() {
        BrokerProcess current = process;
        return current != null && current.isAlive();
    }

    /**
     * {@code 127.0.0.1:<port>}; the same across restarts.
     *
     * @throws IllegalStateException if the broker was never started
     */
    @Override
    public String bootstrapServers() {
        BrokerPorts chosen = ports;
        if (chosen == null) {
            throw new IllegalStateException("the broker was never started, so it has no port yet");
        }
        return chosen.bootstrapServers();
    }

    /**
     * {@code 127.0.0.1:<port>} of the SASL_SSL listener; the same across restarts.
     *
     * @throws IllegalStateException if the broker has no {@link SecureListener} or never started
     */
    public String secureBootstrapServers() {
        if (secure == null || securePort == 0) {
            throw new IllegalStateException("the broker has no secure listener, or was never started");
        }
        return BrokerPorts.HOST + ":" + securePort;
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        TopicReadiness.create(adminProperties(), name, partitions, configs, TOPIC_TIMEOUT);
    }

    /**
     * The data directory: configuration, {@code broker.log}, {@code kafka-logs/}. A temporary
     * one is created by the first call of this method or {@link #start()}.
     */
    public Path dataDir() {
        return layout().dataDir();
    }

    /** How long the last successful start took, from launch to ready. */
    public synchronized Duration lastStartupTime() {
        if (lastStartup == null) {
            throw new IllegalStateException("the broker has not started successfully yet");
        }
        return lastStartup;
    }

    /** The tails of the broker's log and console output, for test failure messages. */
    public String logTail() {
        return layout().tails();
    }

    @Override
    public BrokerKind kind() {
        return BrokerKind.EMBEDDED;
    }

    @Override
    public String description() {
        BrokerProcess current = process;
        String pid = current == null ? "not started" : "pid " + current.pid();
        BrokerPorts chosen = ports;
        String address = chosen == null ? "no port yet" : chosen.bootstrapServers();
        return "embedded KRaft broker (child JVM, " + pid + ") at " + address;
    }

    /** Stops the broker and deletes the data directory if it is a temporary one; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            unregisterExitHook();
            if (temporaryDataDir && layout != null) {
                DataDirs.deleteRecursively(layout.dataDir());
            }
        }
    }

    @Override
    public String toString() {
        return description();
    }

    private synchronized BrokerLayout layout() {
        if (layout == null) {
            layout = new BrokerLayout(DataDirs.createTemp(settings.temporaryDataRoot()));
        }
        return layout;
    }

    private BrokerProcess running() {
        if (!isRunning()) {
            throw new IllegalStateException("the broker is not running");
        }
        return process;
    }

    private void registerExitHook() {
        if (!hookRegistered) {
            Runtime.getRuntime().addShutdownHook(exitHook);
            hookRegistered = true;
        }
    }

    private void unregisterExitHook() {
        if (hookRegistered) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook runs anyway and finds the broker stopped.
            }
            hookRegistered = false;
        }
    }

    /** The JVM is exiting without {@link #close()}: kill at once, nobody waits for a clean stop. */
    private void onJvmExit() {
        BrokerProcess current = process;
        if (current != null && current.isAlive()) {
            current.kill();
        }
        BrokerLayout files = layout;
        if (temporaryDataDir && !closed && files != null) {
            try {
                DataDirs.deleteRecursively(files.dataDir());
            } catch (RuntimeException e) {
                // Best effort while the JVM exits; the temporary directory is left behind.
            }
        }
    }
}
