package io.imsg.examples.priority;

import io.imsg.testkit.EmbeddedKafka;
import io.imsg.testkit.EmbeddedKafkaBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How long an important message waits behind a backlog. A backlog of NORMAL messages is produced,
 * the consumer starts draining it, and HIGH messages are sent, paced, while it drains. For each
 * priority it reports send-to-handler-start latency (the envelope's created-at is the send time),
 * with priority lanes on, and with them off as the baseline, in alternating rounds on one
 * embedded broker.
 *
 * <pre>{@code
 * ./imsg bench priority --backlog 200000 --high 1000 --rounds 2
 * }</pre>
 */
@Command(name = "priority", mixinStandardHelpOptions = true,
        description = "Latency of HIGH messages sent while a NORMAL backlog drains, lanes on vs off.")
public final class PriorityLatencyBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--backlog", defaultValue = "200000", description = "NORMAL messages produced first (default ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--high", defaultValue = "1000", description = "HIGH messages sent while the backlog drains (default ${DEFAULT-VALUE}).")
    int high;

    @Option(names = "--rounds", defaultValue = "2", description = "Rounds of (lanes on, lanes off) (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--broker-data-dir", paramLabel = "DIR", description = "Where the embedded broker keeps its "
            + "log, kept after the run (default: a temporary directory, deleted at the end).")
    Path brokerDataDir;

    @Option(names = "--broker-tmpdir", paramLabel = "DIR", description = "Where the embedded broker's temporary "
            + "data directory is made (default: java.io.tmpdir); deleted at the end. A tmpfs such as /dev/shm "
            + "keeps the broker's writes in memory, to compare with the disk.")
    Path brokerTmpdir;

    @Option(names = "--broker-property", paramLabel = "KEY=VALUE",
            description = "A setting of the embedded broker's server.properties; repeatable. For trying broker "
                    + "settings against the stalls described in docs/benchmarks.md.")
    Map<String, String> brokerProperties = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new PriorityLatencyBenchmark()).execute(args));
    }

    @Override
    public Integer call() {
        atLeastOne("--backlog", backlog);
        atLeastOne("--high", high);
        atLeastOne("--rounds", rounds);
        atLeastOne("--partitions", partitions);
        EmbeddedKafkaBuilder broker = brokerBuilder();
        System.out.printf("priority lanes benchmark: %,d NORMAL backlog, %,d HIGH sent while it drains, %d partitions%n",
                backlog, high, partitions);
        System.out.println(Machine.describe());
        List<RoundResult> results = new ArrayList<>();
        try (EmbeddedKafka kafka = broker.build()) {
            kafka.start();
            System.out.println("broker: " + kafka.description());
            // A discarded round first, at full size: the first full round after a tenth-size warm-up was the
            // slowest of every run (both JVMs, client and broker, were still compiling the paths under load).
            System.out.println("warm-up (not reported): "
                    + new PriorityRound(kafka, partitions, backlog, high, true).run(0).line());
            for (int round = 1; round <= rounds; round++) {
                for (boolean lanes : new boolean[] {true, false}) {
                    RoundResult result = new PriorityRound(kafka, partitions, backlog, high, lanes).run(round);
                    System.out.println(result.line());
                    results.add(result);
                }
            }
        }
        System.out.println();
        System.out.println(RoundResult.table(results));
        boolean valid = results.stream().allMatch(RoundResult::highSentWhileDraining);
        if (!valid) {
            System.out.println("Some round's backlog drained before its HIGH messages were all sent: "
                    + "raise --backlog for a meaningful measurement.");
        }
        return valid ? 0 : 1;
    }

    private void atLeastOne(String option, int value) {
        if (value < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least 1, was " + value);
        }
    }

    /** The embedded broker these options describe; every option error is raised before anything starts. */
    private EmbeddedKafkaBuilder brokerBuilder() {
        if (brokerDataDir != null && brokerTmpdir != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--broker-data-dir and --broker-tmpdir "
                    + "both place the broker's data; give one of them");
        }
        EmbeddedKafkaBuilder broker = EmbeddedKafka.builder();
        if (brokerDataDir != null) {
            broker.dataDir(brokerDataDir);
        }
        try {
            if (brokerTmpdir != null) {
                broker.temporaryDataRoot(brokerTmpdir);
            }
        } catch (IllegalArgumentException invalid) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--broker-tmpdir: " + invalid.getMessage());
        }
        try {
            brokerProperties.forEach(broker::brokerProperty);
        } catch (IllegalArgumentException invalid) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--broker-property: " + invalid.getMessage());
        }
        return broker;
    }
}
