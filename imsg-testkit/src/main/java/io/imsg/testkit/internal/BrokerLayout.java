package io.imsg.testkit.internal;

import java.nio.file.Path;

/**
 * Where an embedded broker keeps its files, all under one data directory:
 * {@code server.properties}, {@code log4j2.properties}, the broker's log {@code broker.log},
 * the child JVM's console output {@code broker.out}, and Kafka's log directory
 * {@code kafka-logs/}.
 *
 * @param dataDir the data directory
 */
public record BrokerLayout(Path dataDir) {

    private static final int LOG_LINES = 40;
    private static final int OUT_LINES = 25;

    public BrokerLayout {
        dataDir = dataDir.toAbsolutePath();
    }

    public Path serverProperties() {
        return dataDir.resolve("server.properties");
    }

    public Path log4jConfig() {
        return dataDir.resolve("log4j2.properties");
    }

    public Path brokerLog() {
        return dataDir.resolve("broker.log");
    }

    public Path consoleOutput() {
        return dataDir.resolve("broker.out");
    }

    public Path logDir() {
        return dataDir.resolve("kafka-logs");
    }

    /** Whether Kafka's log directory was formatted already (it holds {@code meta.properties}). */
    public boolean isFormatted() {
        return logDir().resolve("meta.properties").toFile().isFile();
    }

    /** The tails of the broker's log and console output, for error messages. */
    public String tails() {
        String nl = System.lineSeparator();
        return "--- last " + LOG_LINES + " lines of " + brokerLog() + " ---" + nl
                + LogTail.of(brokerLog(), LOG_LINES) + nl
                + "--- last " + OUT_LINES + " lines of " + consoleOutput() + " ---" + nl
                + LogTail.of(consoleOutput(), OUT_LINES);
    }
}
