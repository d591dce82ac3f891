package io.imsg.testkit.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated, immutable settings of one embedded broker. Each check names the setting it
 * guards, so a mistake reads as {@code "heap must look like 512m or 1g, was 'lots'"}.
 *
 * @param dataDir where the broker keeps its configuration, logs and data; empty for a
 *     temporary directory that is deleted on close
 * @param temporaryDataRoot where that temporary directory is made; empty for
 *     {@code java.io.tmpdir}. Only without a {@code dataDir}.
 * @param brokerProperties pass-through server properties, overriding the defaults of
 *     {@link BrokerConfig}; no {@link BrokerConfig#RESERVED} key
 * @param heap the child JVM's maximum heap, as for {@code -Xmx}
 * @param startTimeout how long a start may take before it fails
 * @param stopTimeout how long a graceful stop may take before the child is killed
 */
public record BrokerSettings(Optional<Path> dataDir, Optional<Path> temporaryDataRoot,
        Map<String, String> brokerProperties, String heap, Duration startTimeout, Duration stopTimeout) {

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    public BrokerSettings {
        Objects.requireNonNull(dataDir, "dataDir must not be null");
        Objects.requireNonNull(temporaryDataRoot, "temporaryDataRoot must not be null");
        if (dataDir.isPresent() && temporaryDataRoot.isPresent()) {
            throw new IllegalArgumentException("dataDir (" + dataDir.get() + ") and temporaryDataRoot ("
                    + temporaryDataRoot.get() + ") exclude each other: a data directory of its own is not temporary");
        }
        brokerProperties = Map.copyOf(Objects.requireNonNull(brokerProperties, "brokerProperties must not be null"));
        BrokerConfig.checkNotReserved(brokerProperties);
        checkHeap(heap);
        checkPositive("startTimeout", startTimeout);
        checkPositive("stopTimeout", stopTimeout);
    }

    /** The defaults: a temporary directory, 512 MiB of heap, 60 s to start, 15 s to stop. */
    public static BrokerSettings defaults() {
        return new BrokerSettings(Optional.empty(), Optional.empty(), Map.of(), "512m", Duration.ofSeconds(60),
                Duration.ofSeconds(15));
    }

    /** Throws unless {@code heap} looks like {@code 512m}, {@code 1g} or a byte count. */
    public static void checkHeap(String heap) {
        Objects.requireNonNull(heap, "heap must not be null");
        if (!HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("heap must look like 512m or 1g (as for -Xmx), was '" + heap + "'");
        }
    }

    /** Throws unless {@code value} is a positive duration; the message names {@code setting}. */
    public static void checkPositive(String setting, Duration value) {
        Objects.requireNonNull(value, setting + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + value);
        }
    }
}
