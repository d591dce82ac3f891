package io.imsg.examples.priority;

import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;

/** What one round measured: latency by priority, and whether HIGH messages met a draining backlog. */
record RoundResult(int round, boolean lanes, Histogram highLatency, Histogram normalLatency, double drainSeconds,
        long normalLeftWhenLastHighSent, long highSentFromUptimeMs, long highSentUntilUptimeMs,
        long[] highReturnedPerTenth, long[] highAckedPerTenth, long[] highHandledPerTenth) {

    boolean highSentWhileDraining() {
        return normalLeftWhenLastHighSent > 0;
    }

    String line() {
        return String.format("round %d lanes %-3s: HIGH p50 %,6d ms p99 %,6d ms max %,6d ms | NORMAL p50 %,6d ms "
                        + "p99 %,6d ms | backlog drained in %.1f s, %,d NORMAL still waiting when the last HIGH was sent"
                        + " | HIGH sent at JVM uptime %.3f-%.3f s, worst HIGH ms per tenth of the sends:"
                        + " publish returned %s, acknowledged %s, handler started %s",
                round, lanes ? "on" : "off", highLatency.getValueAtPercentile(50), highLatency.getValueAtPercentile(99),
                highLatency.getMaxValue(), normalLatency.getValueAtPercentile(50), normalLatency.getValueAtPercentile(99),
                drainSeconds, normalLeftWhenLastHighSent, highSentFromUptimeMs / 1e3, highSentUntilUptimeMs / 1e3,
                Arrays.toString(highReturnedPerTenth), Arrays.toString(highAckedPerTenth),
                Arrays.toString(highHandledPerTenth));
    }

    static String table(List<RoundResult> results) {
        StringBuilder table = new StringBuilder(
                "| round | lanes | HIGH p50 ms | HIGH p99 ms | HIGH max ms | NORMAL p50 ms | NORMAL p99 ms | drain s |\n"
                        + "|---|---|---|---|---|---|---|---|\n");
        for (RoundResult r : results) {
            table.append(String.format("| %d | %s | %d | %d | %d | %d | %d | %.1f |%n", r.round, r.lanes ? "on" : "off",
                    r.highLatency.getValueAtPercentile(50), r.highLatency.getValueAtPercentile(99),
                    r.highLatency.getMaxValue(), r.normalLatency.getValueAtPercentile(50),
                    r.normalLatency.getValueAtPercentile(99), r.drainSeconds));
        }
        return table.toString();
    }
}
