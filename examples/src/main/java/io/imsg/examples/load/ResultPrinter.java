package io.imsg.examples.load;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints load results and raw-versus-iMSG ratios as plain text. */
public final class ResultPrinter {

    private final PrintWriter out;

    public ResultPrinter(PrintWriter out) {
        this.out = out;
    }

    public void header() {
        out.printf(Locale.ROOT, "%-22s %10s %9s %12s %8s %8s %8s %8s %8s %8s %8s %10s%n", "run", "messages",
                "seconds", "msg/s", "p50 ms", "p90", "p99", "p99.9", "max", "retries", "dlt", "cpu us/msg");
    }

    public void print(String label, RunResult r) {
        LatencySummary l = r.latency();
        out.printf(Locale.ROOT, "%-22s %,10d %9.2f %,12.0f %8.2f %8.2f %8.2f %8.2f %8.2f %8d %8d %10.2f%s%n",
                label, r.handled(), r.seconds(), r.throughput(), l.p50(), l.p90(), l.p99(), l.p999(), l.max(),
                r.failedAttempts(), r.deadLetters(), r.cpuMicrosPerMessage(), r.passed() ? "" : "  FAILED");
        if (r.handled() < r.messages()) {
            out.printf(Locale.ROOT, "%22s missing %d of %d%n", "", r.messages() - r.handled(), r.messages());
        }
        if (r.duplicates() > 0 || r.sendFailures() > 0 || r.outOfKeyOrder() > 0) {
            out.printf(Locale.ROOT, "%22s duplicates %d, send failures %d, out of key order %d%n", "", r.duplicates(),
                    r.sendFailures(), r.outOfKeyOrder());
        }
        out.flush();
    }

    /** {@code numerator / denominator} of throughput, or of latency percentiles, with the target. */
    public void ratio(String what, double value, String target) {
        out.printf(Locale.ROOT, "  %-40s %6.2fx   (target %s)%n", what, value, target);
        out.flush();
    }

    public void meterChecks(RunResult r) {
        if (r.meterChecks().isEmpty()) {
            return;
        }
        boolean agree = r.meterChecks().stream().allMatch(MeterCheck::agrees);
        out.println("  Micrometer vs the run's own counts: " + (agree ? "agree" : "DISAGREE"));
        r.meterChecks().forEach(check -> out.println("    " + check));
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }
}
