package io.imsg.examples.load;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One load run on a fresh topic: {@link Scenario#E2E} starts the consumer, then sends at the
 * settings' rate while it consumes; {@link Scenario#DRAIN} sends everything first, waits for the
 * acknowledgements, then starts the consumer. Either way it waits until every message was handled
 * (or the timeout passed) and reports what it measured.
 */
public final class LoadRun {

    /** What is timed. */
    public enum Scenario { E2E, DRAIN }

    /** Who does the work. */
    public enum Target { RAW, IMSG }

    private static final Logger log = LoggerFactory.getLogger(LoadRun.class);

    private final LoadCluster cluster;
    private final PrintStream progressOut;
    private final boolean keepTopics;

    /** Runs that delete their topics when they end; {@code progressOut} gets the progress bar, null for none. */
    public LoadRun(LoadCluster cluster, PrintStream progressOut) {
        this(cluster, progressOut, false);
    }

    /** Like the other constructor; with {@code keepTopics}, each run's topics stay on the cluster. */
    public LoadRun(LoadCluster cluster, PrintStream progressOut, boolean keepTopics) {
        this.cluster = cluster;
        this.progressOut = progressOut;
        this.keepTopics = keepTopics;
    }

    /** Runs with a fresh registry of its own. */
    public RunResult run(Target target, Scenario scenario, LoadSettings settings) {
        return run(target, scenario, settings, new SimpleMeterRegistry());
    }

    public RunResult run(Target target, Scenario scenario, LoadSettings settings, MeterRegistry registry) {
        if (target == Target.RAW && settings.faults().any()) {
            throw new IllegalArgumentException("failure and dead-letter percentages apply to iMSG only; the raw"
                    + " baseline has no retry or dead-letter topic");
        }
        String topic = "load-" + target.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        cluster.createTopic(topic, settings.partitions());
        try {
            return runOn(topic, target, scenario, settings, registry);
        } finally {
            if (!keepTopics) {
                deleteTopics(topic);
            }
        }
    }

    private RunResult runOn(String topic, Target target, Scenario scenario, LoadSettings settings,
            MeterRegistry registry) {
        LoadProbe probe = new LoadProbe(settings.messages(), settings.keys());
        try (LoadTarget worker = target == Target.RAW
                ? new RawTarget(cluster.bootstrapServers(), topic, settings, probe)
                : new ImsgTarget(cluster.bootstrapServers(), topic, settings, probe, registry);
                ProgressBar bar = progressBar(worker.name() + " " + scenario.name().toLowerCase(), settings.messages())) {
            long start;
            long failures;
            long cpuStart;
            if (scenario == Scenario.E2E) {
                cpuStart = ProcessCpu.nanos();
                worker.startConsuming();
                start = send(worker, settings, bar, probe);
                failures = worker.awaitAcks();
                await(probe, settings.messages() - failures, settings, bar, start);
            } else {
                send(worker, settings, bar, probe);
                failures = worker.awaitAcks();
                cpuStart = ProcessCpu.nanos();
                worker.startConsuming();
                await(probe, settings.messages() - failures, settings, bar, System.nanoTime());
                start = probe.firstFinishNanos();
            }
            double cpuMicros = (ProcessCpu.nanos() - cpuStart) / 1e3;
            long acked = settings.messages() - failures;
            List<MeterCheck> checks = target == Target.IMSG ? settledChecks(registry, topic, acked, probe) : List.of();
            return result(worker.name(), scenario, settings, probe, start, failures, checks, cpuMicros);
        }
    }

    /**
     * A run's million records would otherwise stay on the broker: gigabytes over a bench, on its disk
     * or, with {@code --broker-tmpdir}, in memory. The results are taken; a failure here costs none.
     */
    private void deleteTopics(String topic) {
        try {
            cluster.deleteRunTopics(topic);
        } catch (RuntimeException e) {
            log.warn("IMSG-7030 the topics of {} were left on the cluster: {}", topic, e.getMessage());
        }
    }

    /** Sends every message at its intended time; returns the pacer's start. */
    private static long send(LoadTarget worker, LoadSettings settings, ProgressBar bar, LoadProbe probe) {
        Pacer pacer = Pacer.start(settings.rate());
        for (long seq = 0; seq < settings.messages(); seq++) {
            worker.send(seq, pacer.awaitTurn(seq));
            if (bar != null && (seq & 1023) == 0) {
                bar.stepTo(probe.finished());
                bar.setExtraMessage("sent " + seq);
            }
        }
        return pacer.startNanos();
    }

    /** Waits until {@code count} messages (those the broker acknowledged) finished, or the timeout. */
    private static void await(LoadProbe probe, long count, LoadSettings settings, ProgressBar bar, long start) {
        long deadline = start + settings.timeout().toNanos();
        while (probe.finished() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            if (bar != null) {
                bar.stepTo(probe.finished());
                bar.setExtraMessage("handled");
            }
        }
        if (bar != null) {
            bar.stepTo(probe.finished());
        }
    }

    /**
     * Dead letters and commits finish after the handler returned, so the counters may trail the
     * run's own counts for a moment; they get a few seconds to catch up.
     */
    private static List<MeterCheck> settledChecks(MeterRegistry registry, String topic, long acked, LoadProbe probe) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<MeterCheck> checks = MeterCheck.of(registry, topic, acked, probe);
        while (!checks.stream().allMatch(MeterCheck::agrees) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            checks = MeterCheck.of(registry, topic, acked, probe);
        }
        return checks;
    }

    private static RunResult result(String name, Scenario scenario, LoadSettings settings, LoadProbe probe, long start,
            long failures, List<MeterCheck> checks, double cpuMicros) {
        long end = probe.lastFinishNanos();
        double seconds = probe.finished() == 0 ? 0 : Math.max(1, end - start) / 1e9;
        double throughput = seconds == 0 ? 0 : probe.finished() / seconds;
        return new RunResult(name, scenario.name().toLowerCase(), settings.messages(), probe.finished(),
                probe.duplicates(), probe.outOfKeyOrder(), seconds, throughput, LatencySummary.of(probe.latencySinceLastCall()),
                probe.failedAttempts(), probe.deadLetters(), failures, checks,
                probe.finished() == 0 ? 0 : cpuMicros / probe.finished());
    }

    private ProgressBar progressBar(String task, long max) {
        if (progressOut == null) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(progressOut)).showSpeed().build();
    }
}
