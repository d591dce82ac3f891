package io.imsg.testkit;

import io.imsg.testkit.internal.BrokerConfig;
import io.imsg.testkit.internal.BrokerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an {@link EmbeddedKafka}; each setter checks its argument and names the setting
 * when it rejects one. Obtained from {@link EmbeddedKafka#builder()}; not thread-safe.
 *
 * <pre>{@code
 * EmbeddedKafka kafka = EmbeddedKafka.builder()
 *         .dataDir(Path.of("target/kafka"))
 *         .brokerProperty("log.retention.ms", "60000")
 *         .heap("512m")
 *         .startTimeout(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 */
public final class EmbeddedKafkaBuilder {

    private Optional<Path> dataDir;
    private Optional<Path> temporaryDataRoot;
    private final Map<String, String> brokerProperties;
    private String heap;
    private Duration startTimeout;
    private Duration stopTimeout;
    private SecureListener secureListener;

    EmbeddedKafkaBuilder(BrokerSettings from) {
        this.dataDir = from.dataDir();
        this.temporaryDataRoot = from.temporaryDataRoot();
        this.brokerProperties = new LinkedHashMap<>(from.brokerProperties());
        this.heap = from.heap();
        this.startTimeout = from.startTimeout();
        this.stopTimeout = from.stopTimeout();
    }

    /**
     * Keeps the broker's files in {@code dataDir} (created if missing, never deleted by the
     * testkit). By default a temporary directory is used and deleted on close.
     */
    public EmbeddedKafkaBuilder dataDir(Path dataDir) {
        this.dataDir = Optional.of(Objects.requireNonNull(dataDir, "dataDir must not be null"));
        return this;
    }

    /**
     * Makes the temporary data directory inside {@code root} instead of {@code java.io.tmpdir};
     * it is still deleted on close. On a tmpfs such as {@code /dev/shm}, the broker's writes stay
     * in memory, which keeps a slow disk's stalls out of latency measurements. Not with
     * {@link #dataDir}.
     *
     * @throws IllegalArgumentException if {@code root} is not an existing directory
     */
    public EmbeddedKafkaBuilder temporaryDataRoot(Path root) {
        Objects.requireNonNull(root, "temporaryDataRoot must not be null");
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("temporaryDataRoot must be an existing directory, was " + root);
        }
        this.temporaryDataRoot = Optional.of(root);
        return this;
    }

    /**
     * Sets a Kafka server property, overriding the testkit's default. A raw pass-through: the
     * value is not checked here, the broker checks it when it starts.
     *
     * @throws IllegalArgumentException for a blank key or one the testkit owns (listeners,
     *     node id, quorum, log directories)
     */
    public EmbeddedKafkaBuilder brokerProperty(String key, String value) {
        BrokerConfig.checkProperty(key, value);
        brokerProperties.put(key, value);
        return this;
    }

    /** The child JVM's maximum heap, as for {@code -Xmx}: {@code 512m} (default), {@code 1g}. */
    public EmbeddedKafkaBuilder heap(String heap) {
        BrokerSettings.checkHeap(heap);
        this.heap = heap;
        return this;
    }

    /** How long {@link EmbeddedKafka#start()} may take before it fails; default 60 s. */
    public EmbeddedKafkaBuilder startTimeout(Duration startTimeout) {
        BrokerSettings.checkPositive("startTimeout", startTimeout);
        this.startTimeout = startTimeout;
        return this;
    }

    /** How long a graceful {@link EmbeddedKafka#stop()} may take before a kill; default 15 s. */
    public EmbeddedKafkaBuilder stopTimeout(Duration stopTimeout) {
        BrokerSettings.checkPositive("stopTimeout", stopTimeout);
        this.stopTimeout = stopTimeout;
        return this;
    }

    /**
     * Adds a SASL_SSL listener (TLS and SCRAM-SHA-512) next to the PLAINTEXT one, which the
     * testkit keeps for itself; clients reach it at {@link EmbeddedKafka#secureBootstrapServers()}.
     */
    public EmbeddedKafkaBuilder secureListener(SecureListener secureListener) {
        this.secureListener = Objects.requireNonNull(secureListener, "secureListener must not be null");
        return this;
    }

    /** A broker with these settings, not started yet: no process, no files, no ports. */
    public EmbeddedKafka build() {
        return new EmbeddedKafka(new BrokerSettings(dataDir, temporaryDataRoot, brokerProperties, heap, startTimeout,
                stopTimeout), secureListener);
    }
}
