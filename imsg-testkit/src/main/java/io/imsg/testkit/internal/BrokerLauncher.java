package io.imsg.testkit.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.Uuid;

/**
 * Starts one broker child JVM and returns once it serves clients, or kills it and fails.
 *
 * <p>Every start rewrites {@code server.properties} and the log4j2 configuration; the log
 * directory is formatted only when it holds no {@code meta.properties} yet, so a restart keeps
 * the data.
 */
public final class BrokerLauncher {

    private BrokerLauncher() {}

    /**
     * Writes the configuration and launches the child JVM; returns at once. Follow with
     * {@link #awaitReady}.
     */
    public static BrokerProcess launch(BrokerSettings settings, BrokerLayout layout, BrokerPorts ports) {
        return launch(settings, layout, BrokerConfig.serverProperties(ports, layout.logDir(), settings.brokerProperties()),
                Uuid.randomUuid().toString());
    }

    /**
     * Writes {@code serverProperties} and the logging configuration, and launches the child JVM;
     * returns at once. A log directory without {@code meta.properties} is formatted with
     * {@code clusterId} first, so every node of one cluster must get the same id.
     */
    public static BrokerProcess launch(BrokerSettings settings, BrokerLayout layout, Properties serverProperties,
            String clusterId) {
        BrokerClasspath classpath = BrokerClasspath.load();
        DataDirs.ensure(layout.logDir());
        BrokerConfig.write(serverProperties, layout.serverProperties());
        BrokerLogging.writeConfig(layout.log4jConfig(), layout.brokerLog());
        Optional<String> format = layout.isFormatted() ? Optional.empty() : Optional.of(clusterId);
        List<String> command = command(settings, layout, classpath, format);
        return BrokerProcess.start(command, layout.dataDir(), layout.consoleOutput());
    }

    /**
     * Waits until the launched broker serves clients, or kills it and fails.
     *
     * @param failure wraps a description of the failed start (with the log tails) in the
     *     exception to throw; the child is killed before it is thrown
     */
    public static void awaitReady(BrokerProcess process, BrokerSettings settings, BrokerLayout layout,
            BrokerPorts ports, Function<String, RuntimeException> failure) {
        try {
            ClusterReadiness.await(ports, process, settings.startTimeout(),
                    what -> failure.apply(what + System.lineSeparator() + layout.tails()));
        } catch (RuntimeException e) {
            process.kill(); // a broker that failed to start must not linger on its ports
            throw e;
        }
    }

    static List<String> command(BrokerSettings settings, BrokerLayout layout, BrokerClasspath classpath,
            Optional<String> formatWithClusterId) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + settings.heap());
        // The whole heap from the start, as Kafka's own kafka-server-start.sh does. From a small
        // initial heap, Serial GC grows the heap only by a full collection once the old
        // generation fills (128 MiB of it is the log cleaner's dedupe buffer, from start-up): in
        // benchmarks that was a 111 ms stop of the broker about 85 s in, and its small young
        // generation meant young collections several times a second under load. The cost: the
        // whole heap is committed from the start.
        command.add("-Xms" + settings.heap());
        // Serial GC: one GC thread instead of a pool competing for a test machine's two cores.
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + layout.log4jConfig());
        // Kafka stops from its own shutdown hook and still logs then; log4j's hook would race it
        // and warn. The file appender flushes every line, so nothing is lost without it.
        command.add("-Dlog4j2.shutdownHookEnabled=false");
        command.add("-Dkafka.logs.dir=" + layout.dataDir());
        command.add("-cp");
        command.add(classpath.asArgument());
        command.add(BrokerMain.CLASS_NAME);
        command.add(layout.serverProperties().toString());
        formatWithClusterId.ifPresent(command::add);
        return command;
    }
}
