package io.imsg.examples.load;

import io.imsg.examples.load.LoadRun.Scenario;
import io.imsg.examples.load.LoadRun.Target;
import io.imsg.examples.priority.PriorityLatencyBenchmark;
import io.imsg.kafka.consume.Ordering;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code imsg bench}: raw kafka-clients against iMSG, side by side on one broker, in rounds that
 * alternate who goes first. Scenarios: end-to-end throughput, drain throughput, latency at a steady
 * rate, and slow handlers (iMSG per-key dispatch against per-partition).
 */
@Command(name = "bench",
        subcommands = PriorityLatencyBenchmark.class,
        mixinStandardHelpOptions = true,
        header = "Compares iMSG with raw kafka-clients doing the same work on the same broker.",
        description = {
            "Scenarios (--scenarios, comma-separated):",
            "  e2e      produce and consume at once; first send to last handled. Target imsg/raw >= 0.7.",
            "  drain    --messages records produced first; first handled to last handled. Target >= 0.5.",
            "  latency  a steady --latency-rate; p50 and p99 from intended send time. Targets imsg/raw p50 <= 1.2,"
                    + " p99 <= 1.5.",
            "  slow     --slow-work per message (default sleep:5ms), iMSG per-key dispatch against per-partition"
                    + " (Ordering.KEY vs PARTITION). Target >= 20.",
            "Each run uses a fresh topic and consumer group. Writes <out>/bench-<time>.json and .html."},
        sortOptions = false)
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenarios", defaultValue = "e2e,drain,latency,slow", split = ",", paramLabel = "LIST",
            description = "Which scenarios (default: ${DEFAULT-VALUE}).")
    private List<String> scenarios;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N", description = "Rounds (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--messages", defaultValue = "1000000", paramLabel = "N",
            description = "Messages per e2e and drain run (default: ${DEFAULT-VALUE}).")
    private long messages;

    @Option(names = "--latency-rate", defaultValue = "20000", paramLabel = "MSG_PER_S",
            description = "Rate of the latency scenario (default: ${DEFAULT-VALUE}).")
    private double latencyRate;

    @Option(names = "--latency-seconds", defaultValue = "30", paramLabel = "SECONDS",
            description = "Length of the latency scenario (default: ${DEFAULT-VALUE}).")
    private int latencySeconds;

    @Option(names = "--slow-messages", defaultValue = "20000", paramLabel = "N",
            description = "Messages of the slow-handler scenario with per-key dispatch (default: ${DEFAULT-VALUE}).")
    private long slowMessages;

    @Option(names = "--slow-work", defaultValue = "sleep:5ms", paramLabel = "WORK",
            description = "Handler work of the slow-handler scenario (default: ${DEFAULT-VALUE}).")
    private String slowWork;

    @Option(names = "--slow-concurrency", defaultValue = "256", paramLabel = "THREADS",
            description = "iMSG worker threads in the slow-handler scenario (default: ${DEFAULT-VALUE}).")
    private int slowConcurrency;

    @Option(names = "--warmup-messages", defaultValue = "100000", paramLabel = "N",
            description = "Before the rounds, an unrecorded e2e run of each side, so the JIT has compiled both"
                    + " paths; 0 for none (default: ${DEFAULT-VALUE}).")
    private long warmupMessages;

    @Mixin
    private LoadOptions options;

    private final List<RunResult> results = new ArrayList<>();

    @Override
    public Integer call() {
        Set<String> chosen = chosenScenarios();
        Workloads workloads = workloads();
        ResultPrinter printer = new ResultPrinter(spec.commandLine().getOut());
        PrintStream progress = options.noProgress ? null : System.err;
        LoadSettings base = workloads.base();
        try (LoadCluster cluster = options.startCluster()) {
            printer.line("broker: " + cluster.description());
            LoadRun run = new LoadRun(cluster, progress, options.keepTopics);
            if (warmupMessages > 0) {
                printer.line("warming up: " + warmupMessages + " messages e2e, raw then iMSG (not recorded)");
                run.run(Target.RAW, Scenario.E2E, base.withMessages(warmupMessages));
                run.run(Target.IMSG, Scenario.E2E, base.withMessages(warmupMessages));
            }
            BenchRounds bench = new BenchRounds(run, printer, results);
            for (int round = 1; round <= rounds; round++) {
                printer.line("");
                printer.line("== round " + round + " ==");
                printer.header();
                boolean rawFirst = round % 2 == 1;
                if (chosen.contains("e2e")) {
                    bench.throughput(round, Scenario.E2E, base, rawFirst, ">= 0.7");
                }
                if (chosen.contains("drain")) {
                    bench.throughput(round, Scenario.DRAIN, base, rawFirst, ">= 0.5");
                }
                if (chosen.contains("latency")) {
                    bench.latency(round, workloads.latency(), rawFirst);
                }
                if (chosen.contains("slow")) {
                    bench.slowHandlers(round, workloads.slow());
                }
            }
            List<Path> files = ResultFiles.write(options.out, "bench-" + System.currentTimeMillis(),
                    RunContext.of(cluster, base, "bench " + String.join(",", chosen) + " x" + rounds), results);
            printer.line("results: " + files.get(0) + " and " + files.get(1));
        }
        return results.stream().allMatch(RunResult::passed) ? 0 : 1;
    }

    /** The scenarios' workloads, built before the broker starts: a bad option fails at once, not after the e2e runs. */
    private record Workloads(LoadSettings base, LoadSettings latency, LoadSettings slow) {}

    private Workloads workloads() {
        try {
            if (!(latencyRate > 0) || Double.isInfinite(latencyRate)) {
                throw new IllegalArgumentException("--latency-rate must be > 0, was " + latencyRate);
            }
            if (latencySeconds < 1) {
                throw new IllegalArgumentException("--latency-seconds must be >= 1, was " + latencySeconds);
            }
            if (slowMessages < 1) {
                throw new IllegalArgumentException("--slow-messages must be >= 1, was " + slowMessages);
            }
            if (slowConcurrency < 1) {
                throw new IllegalArgumentException("--slow-concurrency must be >= 1, was " + slowConcurrency);
            }
            LoadSettings base = options.settings(messages, 0, Work.none(), Faults.none(), Ordering.KEY);
            long latencyMessages = (long) Math.ceil(latencyRate * latencySeconds);
            LoadSettings latency = base.withMessages(latencyMessages).withRate(latencyRate);
            LoadSettings slow = options.settings(slowMessages, 0, slowWork(), Faults.none(), Ordering.KEY);
            slow = new LoadSettings(slow.messages(), 0, slow.payloadBytes(), slow.partitions(), slow.keys(), slow.work(),
                    slow.faults(), Ordering.KEY, slowConcurrency, slow.producerProperties(), slow.consumerProperties(),
                    slow.timeout(), slow.rawHeaders());
            return new Workloads(base, latency, slow);
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), invalid.getMessage());
        }
    }

    /** The results of the last call, for tests. */
    public List<RunResult> results() {
        return List.copyOf(results);
    }

    private Work slowWork() {
        try {
            return Work.parse(slowWork);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("--slow-work: " + invalid.getMessage(), invalid);
        }
    }

    private Set<String> chosenScenarios() {
        Set<String> known = Set.of("e2e", "drain", "latency", "slow");
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : scenarios) {
            String trimmed = name.trim().toLowerCase();
            if (!known.contains(trimmed)) {
                throw new ParameterException(spec.commandLine(), "--scenarios takes e2e, drain, latency and slow; '"
                        + name + "' is none of them");
            }
            chosen.add(trimmed);
        }
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds must be >= 1, was " + rounds);
        }
        if (warmupMessages < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup-messages must be >= 0, was " + warmupMessages);
        }
        return chosen;
    }
}
