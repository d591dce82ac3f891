package io.imsg.examples.load;

import io.imsg.kafka.consume.Ordering;
import io.imsg.testkit.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The workload options shared by {@code imsg load} and {@code imsg bench}. */
public final class LoadOptions {

    @Option(names = "--payload-bytes", defaultValue = "512", paramLabel = "BYTES",
            description = "Size of each message's payload (default: ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Option(names = "--partitions", defaultValue = "6", paramLabel = "N",
            description = "Partitions of each load topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--keys", defaultValue = "10000", paramLabel = "N",
            description = "Distinct record keys, cycled through; 0 for no keys (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--concurrency", defaultValue = "16", paramLabel = "THREADS",
            description = "iMSG worker threads (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
            description = "Raw Kafka producer property for both raw and iMSG clients (pass-through, repeatable).")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE",
            description = "Raw Kafka consumer property for both raw and iMSG clients (pass-through, repeatable).")
    Map<String, String> consumerProperties = new LinkedHashMap<>();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Use this existing Kafka cluster instead of the embedded broker.")
    String bootstrapServers;

    @Option(names = "--broker-tmpdir", paramLabel = "DIR",
            description = "Where the embedded broker's temporary data directory is made (default: java.io.tmpdir);"
                    + " deleted at the end. A tmpfs such as /dev/shm keeps the broker's writes in memory, and a slow"
                    + " disk's stalls out of the latency figures; it holds up to about 1 KB per message sent until"
                    + " the end.")
    Path brokerTmpdir;

    @Option(names = "--keep-topics", description = "Keep each run's topics (the load topic, its dead-letter and"
            + " lane topics) instead of deleting them when the run ends.")
    boolean keepTopics;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--out", defaultValue = "imsg-load-results", paramLabel = "DIR",
            description = "Where the JSON and HTML results go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "How long one run may take to handle every message (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Option(names = "--raw-headers", description = "The raw producer also sends iMSG's four mirrored headers "
            + "(id, type, priority, source, at about the same sizes), so both sides put the same bytes on the wire.")
    boolean rawHeaders;

    /**
     * Starts the cluster these options name: the existing one, or an embedded broker.
     *
     * @throws ParameterException when the broker options contradict each other
     */
    LoadCluster startCluster() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            // Found only when the results are written, the whole run would be lost.
            throw new ParameterException(command.commandLine(), "--out " + out + " is a file; it must be a directory"
                    + " (created if missing)");
        }
        if (brokerTmpdir != null && bootstrapServers != null) {
            throw new ParameterException(command.commandLine(),
                    "--broker-tmpdir is for the embedded broker; it cannot be combined with --bootstrap-servers");
        }
        if (brokerTmpdir != null) {
            try {
                EmbeddedKafka.builder().temporaryDataRoot(brokerTmpdir); // the testkit's rule, checked before any start
            } catch (IllegalArgumentException badDirectory) {
                throw new ParameterException(command.commandLine(), "--broker-tmpdir: " + badDirectory.getMessage());
            }
        }
        return LoadCluster.start(Optional.ofNullable(bootstrapServers), Optional.ofNullable(brokerTmpdir));
    }

    /**
     * The settings these options describe, for {@code messages} messages at {@code rate}, with their
     * client properties checked ({@link ClientPropertyCheck}).
     *
     * @throws IllegalArgumentException naming the option that is invalid
     */
    LoadSettings settings(long messages, double rate, Work work, Faults faults, Ordering ordering) {
        LoadSettings settings = new LoadSettings(messages, rate, payloadBytes, partitions, keys, work, faults,
                ordering, concurrency, producerProperties, consumerProperties, Duration.ofSeconds(timeoutSeconds),
                rawHeaders);
        ClientPropertyCheck.check(settings);
        return settings;
    }
}
