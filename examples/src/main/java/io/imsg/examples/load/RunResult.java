package io.imsg.examples.load;

import java.util.List;

/**
 * What one load run measured.
 *
 * @param target "raw" or "imsg"
 * @param scenario "e2e" (produce and consume at once, first intended send to last handled) or
 *     "drain" (records produced beforehand, first handled to last handled)
 * @param messages messages sent
 * @param handled distinct messages handled or dead-lettered
 * @param duplicates redeliveries of messages already handled
 * @param outOfKeyOrder attempts that started before the previous message of their key had
 *     finished (0 when per-key order was kept, and always 0 without keys)
 * @param seconds the measured interval
 * @param throughput messages per second over that interval
 * @param latency from intended send time to handled
 * @param failedAttempts attempts that failed and were retried
 * @param deadLetters messages sent to the dead-letter topic
 * @param sendFailures sends the broker did not acknowledge
 * @param meterChecks iMSG's meters compared with the run's own counts; empty for raw
 * @param cpuMicrosPerMessage CPU time of this JVM (every thread, the broker's excluded) over the
 *     measured interval, per message handled: unlike throughput, it hardly moves when other
 *     processes compete for the cores; 0 when not measured
 */
public record RunResult(String target, String scenario, long messages, long handled, long duplicates,
        long outOfKeyOrder, double seconds,
        double throughput, LatencySummary latency, long failedAttempts, long deadLetters, long sendFailures,
        List<MeterCheck> meterChecks, double cpuMicrosPerMessage) {

    public RunResult {
        meterChecks = List.copyOf(meterChecks);
    }

    /**
     * True when every message was handled, nothing failed to send, per-key order was kept, and the
     * meters agree.
     */
    public boolean passed() {
        return handled == messages && sendFailures == 0 && outOfKeyOrder == 0
                && meterChecks.stream().allMatch(MeterCheck::agrees);
    }
}
