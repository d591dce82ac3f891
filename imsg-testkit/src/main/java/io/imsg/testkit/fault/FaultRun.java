package io.imsg.testkit.fault;

import io.imsg.testkit.internal.DataDirs;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fault run: its seed, its directory (ledgers, child JVM output), its timeline, and the rule
 * that a failing run keeps everything and says how to reproduce it.
 *
 * <p>The seed comes from {@code -Dimsg.faults.seed} when set, otherwise at random. The directory
 * is {@code <imsg.faults.dir>/<name>-<start time>-<seed in hex>} ({@code target/fault-runs} by
 * default); it is
 * deleted when the run passes, unless {@code -Dimsg.faults.keep=true}, and kept when it fails.
 *
 * <pre>{@code
 * try (FaultRun run = FaultRun.start("broker-kill")) {
 *     FailurePlan plan = new FailurePlan(run.seed(), 0.05, 0.005);
 *     // ... inject faults, write run.ledger() ...
 *     Verdict verdict = run.conclude(InvariantChecker.builder()...check());
 *     assertThat(verdict.passed()).as(verdict.report()).isTrue();
 * }
 * }</pre>
 */
public final class FaultRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultRun.class);
    public static final String SEED_PROPERTY = "imsg.faults.seed";
    public static final String DIR_PROPERTY = "imsg.faults.dir";
    public static final String KEEP_PROPERTY = "imsg.faults.keep";

    private final String name;
    private final long seed;
    private final Path dir;
    private final Ledger ledger;
    private final FaultTimeline timeline = new FaultTimeline();
    private boolean passed;

    private FaultRun(String name, long seed, Path dir) {
        this.name = name;
        this.seed = seed;
        this.dir = dir;
        this.ledger = Ledger.in(dir);
    }

    /** The seed to replay, from {@value #SEED_PROPERTY}; a typo there must not start a run with another seed. */
    private static Optional<Long> configuredSeed() {
        String configured = System.getProperty(SEED_PROPERTY);
        if (configured == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(configured.trim()));
        } catch (NumberFormatException notALong) {
            throw new IllegalArgumentException(SEED_PROPERTY + " must be a whole number (a seed a failed run printed),"
                    + " was '" + configured + "'");
        }
    }

    /** Starts a run named {@code name} ([A-Za-z0-9._-]+) and logs its seed and directory. */
    public static FaultRun start(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name must be [A-Za-z0-9._-]+, was '" + name + "'");
        }
        long seed = configuredSeed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
        Path base = Path.of(System.getProperty(DIR_PROPERTY, "target/fault-runs")).toAbsolutePath();
        // The start time keeps a replay of a kept run (same seed) out of the kept run's directory.
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        FaultRun run = new FaultRun(name, seed, base.resolve(name + "-" + stamp + "-" + Long.toUnsignedString(seed, 16)));
        LOG.info("IMSG-9110 fault run {} starting: seed {}, directory {}", name, seed, run.dir);
        System.out.printf("fault run %s: seed=%d dir=%s%n", name, seed, run.dir);
        return run;
    }

    public long seed() {
        return seed;
    }

    /** The run's directory, for ledgers and child JVM output. */
    public Path dir() {
        return dir;
    }

    public Ledger ledger() {
        return ledger;
    }

    public FaultTimeline timeline() {
        return timeline;
    }

    /**
     * Prints the verdict with the seed and the timeline; a failing verdict also prints how to
     * reproduce the run and where its ledgers are kept. Returns the verdict.
     */
    public Verdict conclude(Verdict verdict) {
        passed = verdict.passed();
        String outcome = passed ? "PASSED" : "FAILED";
        String summary = String.format("fault run %s %s seed=%d after %.1fs: %s", name, outcome, seed,
                timeline.elapsed().toMillis() / 1000.0, verdict.counts());
        System.out.println(summary);
        System.out.println(verdict.report());
        System.out.println("timeline:" + System.lineSeparator() + timeline);
        if (passed) {
            LOG.info("IMSG-9111 {}", summary);
        } else {
            LOG.error("IMSG-9112 {}; reproduce with -D{}={}; ledgers kept in {}", summary, SEED_PROPERTY, seed, dir);
            System.out.printf("reproduce with -D%s=%d; ledgers and child output kept in %s%n", SEED_PROPERTY, seed, dir);
        }
        return verdict;
    }

    /** Closes the ledger; deletes the directory if the run passed and keeping was not asked for. */
    @Override
    public void close() {
        ledger.close();
        if (passed && !Boolean.getBoolean(KEEP_PROPERTY)) {
            DataDirs.deleteRecursively(dir);
        } else {
            LOG.info("IMSG-9113 fault run {} (seed {}) kept in {}", name, seed, dir);
            System.out.printf("fault run %s (seed=%d) kept in %s%n", name, seed, dir);
        }
    }
}
