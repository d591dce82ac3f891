package io.imsg.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log4j2 configuration of the broker's child JVM: everything goes to one file in the data
 * directory, appended across restarts, so a failing test can print the tail of the broker's
 * whole history. Kafka logs at INFO; the packages that log one line per partition or dump the
 * whole configuration at every start log at WARN.
 */
public final class BrokerLogging {

    private static final String[] QUIET_LOGGERS = {
        "org.apache.kafka.common.config", // the full configuration dump at every start
        "state.change.logger",
        "kafka.request.logger",
        "org.apache.kafka.storage.internals.log", // one line per partition and segment
        "kafka.log.LogManager",
        "org.apache.kafka.common.utils.AppInfoParser", // Kafka before 4.4
        "org.apache.kafka.common.utils.internals.AppInfoParser",
    };

    private BrokerLogging() {}

    /** Writes the configuration to {@code configFile}, sending the broker's log to {@code logFile}. */
    public static void writeConfig(Path configFile, Path logFile) {
        try {
            Files.writeString(configFile, config(logFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + configFile, e);
        }
    }

    static String config(Path logFile) {
        StringBuilder config = new StringBuilder()
                .append("status = warn\n")
                .append("appender.file.type = File\n")
                .append("appender.file.name = FILE\n")
                .append("appender.file.fileName = ").append(logFile.toAbsolutePath()).append('\n')
                .append("appender.file.append = true\n")
                .append("appender.file.layout.type = PatternLayout\n")
                .append("appender.file.layout.pattern = [%d{HH:mm:ss.SSS}] %-5p %m (%c{1.})%n\n")
                .append("rootLogger.level = INFO\n")
                .append("rootLogger.appenderRef.file.ref = FILE\n");
        for (int i = 0; i < QUIET_LOGGERS.length; i++) {
            config.append("logger.quiet").append(i).append(".name = ").append(QUIET_LOGGERS[i]).append('\n')
                    .append("logger.quiet").append(i).append(".level = WARN\n");
        }
        return config.toString();
    }
}
