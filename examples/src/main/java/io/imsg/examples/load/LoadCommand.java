package io.imsg.examples.load;

import io.imsg.examples.load.LoadRun.Scenario;
import io.imsg.examples.load.LoadRun.Target;
import io.imsg.kafka.consume.Ordering;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code imsg load}: drives a workload through iMSG (and optionally raw Kafka) and reports on it. */
@Command(name = "load",
        mixinStandardHelpOptions = true,
        header = "Sends a workload through iMSG and reports throughput, latency percentiles, retries and dead letters.",
        description = {
            "Sends messages through an iMSG publisher to a fresh topic and handles them with an iMSG subscriber,"
                    + " measuring latency from each message's intended send time (coordinated-omission safe)"
                    + " with HdrHistogram. Writes <out>/load-<time>.json and .html (latency percentile plot).",
            "With --compare raw, the same workload also runs on plain kafka-clients, rounds alternating, on the"
                    + " same broker, and the iMSG/raw ratios are printed. Checks at the end that iMSG's Micrometer"
                    + " counters agree with the run's own counts; exits 1 when they do not or messages are missing.",
            "Starts an embedded single-node broker in a child JVM unless --bootstrap-servers is given."},
        sortOptions = false)
public final class LoadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--messages", defaultValue = "100000", paramLabel = "N",
            description = "Messages per run (default: ${DEFAULT-VALUE}).")
    private long messages;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Send for this long instead of a message count (needs --rate).")
    private Integer durationSeconds;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "MSG_PER_S",
            description = "Send rate; 0 for unthrottled (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--scenario", defaultValue = "e2e", paramLabel = "e2e|drain",
            description = "e2e: produce and consume at once; drain: produce everything, then consume"
                    + " (default: ${DEFAULT-VALUE}).")
    private String scenario;

    @Option(names = "--work", defaultValue = "none", paramLabel = "none|cpu:T|sleep:T",
            description = "Simulated handler work per message, e.g. cpu:50us or sleep:5ms (default: ${DEFAULT-VALUE}).")
    private String work;

    @Option(names = "--failure-percent", defaultValue = "0", paramLabel = "PCT",
            description = "Messages whose first attempt fails (retried in process) (default: ${DEFAULT-VALUE}).")
    private double failurePercent;

    @Option(names = "--dead-letter-percent", defaultValue = "0", paramLabel = "PCT",
            description = "Messages that fail for good and are dead-lettered (default: ${DEFAULT-VALUE}).")
    private double deadLetterPercent;

    @Option(names = "--ordering", defaultValue = "KEY", paramLabel = "KEY|PARTITION",
            description = "iMSG dispatch: per-key concurrency or one at a time per partition (default: ${DEFAULT-VALUE}).")
    private Ordering ordering;

    @Option(names = "--compare", paramLabel = "raw", description = "Also run the workload on raw kafka-clients.")
    private String compare;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N",
            description = "Repetitions; with --compare, raw and iMSG alternate who goes first (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Mixin
    private LoadOptions options;

    private final List<RunResult> results = new ArrayList<>();

    @Override
    public Integer call() {
        LoadSettings settings = settings();
        Scenario chosen = scenario();
        ResultPrinter printer = new ResultPrinter(spec.commandLine().getOut());
        PrintStream progress = options.noProgress ? null : System.err;
        try (LoadCluster cluster = options.startCluster()) {
            printer.line("broker: " + cluster.description());
            LoadRun run = new LoadRun(cluster, progress, options.keepTopics);
            printer.header();
            for (int round = 1; round <= rounds; round++) {
                List<Target> order = compare == null ? List.of(Target.IMSG)
                        : round % 2 == 1 ? List.of(Target.RAW, Target.IMSG) : List.of(Target.IMSG, Target.RAW);
                RunResult raw = null;
                RunResult imsg = null;
                for (Target target : order) {
                    RunResult result = run.run(target, chosen, settings);
                    results.add(result);
                    printer.print("round " + round + " " + result.target(), result);
                    if (target == Target.RAW) {
                        raw = result;
                    } else {
                        imsg = result;
                    }
                }
                printer.meterChecks(imsg);
                if (raw != null) {
                    printer.ratio("imsg/raw throughput", imsg.throughput() / raw.throughput(),
                            chosen == Scenario.E2E ? ">= 0.7" : ">= 0.5");
                }
            }
            Path dir = options.out;
            List<Path> files = ResultFiles.write(dir, "load-" + System.currentTimeMillis(),
                    RunContext.of(cluster, settings, "load " + chosen.name().toLowerCase()), results);
            printer.line("results: " + files.get(0) + " and " + files.get(1));
        }
        return results.stream().allMatch(RunResult::passed) ? 0 : 1;
    }

    /** The results of the last call, for tests. */
    public List<RunResult> results() {
        return List.copyOf(results);
    }

    private Scenario scenario() {
        return switch (scenario.toLowerCase()) {
            case "e2e" -> Scenario.E2E;
            case "drain" -> Scenario.DRAIN;
            default -> throw new ParameterException(spec.commandLine(), "--scenario must be e2e or drain, was '"
                    + scenario + "'");
        };
    }

    private LoadSettings settings() {
        try {
            if (compare != null && !compare.equals("raw")) {
                throw new IllegalArgumentException("--compare must be raw, was '" + compare + "'");
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be >= 1, was " + rounds);
            }
            if (compare != null && (failurePercent > 0 || deadLetterPercent > 0)) {
                throw new IllegalArgumentException("--failure-percent and --dead-letter-percent cannot be combined with"
                        + " --compare raw: the raw baseline has no retry or dead-letter topic");
            }
            long count = messages;
            if (durationSeconds != null) {
                if (rate <= 0 || durationSeconds < 1) {
                    throw new IllegalArgumentException("--duration needs a --rate > 0 and at least 1 second");
                }
                count = (long) Math.ceil(rate * durationSeconds);
            }
            return options.settings(count, rate, Work.parse(work), new Faults(failurePercent, deadLetterPercent),
                    ordering);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
