package io.imsg.examples.load;

import io.imsg.examples.load.LoadRun.Scenario;
import io.imsg.examples.load.LoadRun.Target;
import io.imsg.kafka.consume.Ordering;
import java.util.List;

/** One round's scenarios of {@code imsg bench}: each runs both sides, prints them and their ratio. */
final class BenchRounds {

    private final LoadRun run;
    private final ResultPrinter printer;
    private final List<RunResult> results;

    BenchRounds(LoadRun run, ResultPrinter printer, List<RunResult> results) {
        this.run = run;
        this.printer = printer;
        this.results = results;
    }

    void throughput(int round, Scenario scenario, LoadSettings settings, boolean rawFirst, String target) {
        RunResult[] pair = pair(round, scenario, settings, rawFirst);
        printer.ratio("round " + round + " " + scenario.name().toLowerCase() + " imsg/raw throughput",
                pair[1].throughput() / pair[0].throughput(), target);
    }

    void latency(int round, LoadSettings settings, boolean rawFirst) {
        RunResult[] pair = pair(round, Scenario.E2E, settings, rawFirst);
        printer.ratio("round " + round + " latency imsg/raw p50", pair[1].latency().p50() / pair[0].latency().p50(),
                "<= 1.2");
        printer.ratio("round " + round + " latency imsg/raw p99", pair[1].latency().p99() / pair[0].latency().p99(),
                "<= 1.5");
    }

    /** Per-partition gets a tenth of the messages: at one 5 ms handler per partition it is that slow. */
    void slowHandlers(int round, LoadSettings settings) {
        RunResult keyed = record("round " + round + " slow per-key", run.run(Target.IMSG, Scenario.DRAIN, settings));
        LoadSettings serial = settings.withOrdering(Ordering.PARTITION)
                .withMessages(Math.max(settings.partitions(), settings.messages() / 10));
        RunResult partitioned = record("round " + round + " slow per-partition",
                run.run(Target.IMSG, Scenario.DRAIN, serial));
        printer.ratio("round " + round + " slow KEY/PARTITION throughput",
                keyed.throughput() / partitioned.throughput(), ">= 20");
    }

    /** Runs raw and iMSG in the given order; returns {raw, imsg}. */
    private RunResult[] pair(int round, Scenario scenario, LoadSettings settings, boolean rawFirst) {
        String label = "round " + round + " " + (settings.rate() > 0 ? "latency" : scenario.name().toLowerCase());
        RunResult raw;
        RunResult imsg;
        if (rawFirst) {
            raw = record(label + " raw", run.run(Target.RAW, scenario, settings));
            imsg = record(label + " imsg", run.run(Target.IMSG, scenario, settings));
        } else {
            imsg = record(label + " imsg", run.run(Target.IMSG, scenario, settings));
            raw = record(label + " raw", run.run(Target.RAW, scenario, settings));
        }
        printer.meterChecks(imsg);
        return new RunResult[] {raw, imsg};
    }

    private RunResult record(String label, RunResult result) {
        results.add(result);
        printer.print(label, result);
        return result;
    }
}
