package io.imsg.examples.load;

import io.imsg.api.metrics.MeterNames;
import io.imsg.api.metrics.MeterTags;
import io.imsg.api.metrics.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * One of iMSG's counters next to the count the load run kept itself.
 *
 * @param meter the meter and tag, e.g. {@code imsg.messages.handled{outcome=success}}
 * @param expected what the run counted
 * @param actual what the meter says
 */
public record MeterCheck(String meter, long expected, long actual) {

    public boolean agrees() {
        return expected == actual;
    }

    /**
     * The checks of one iMSG run on {@code topic}. {@code MetricsMiddleware} is the outermost
     * middleware, so a message retried in process and then handled counts one success, and each
     * retry counts once as {@code retry}.
     */
    static List<MeterCheck> of(MeterRegistry registry, String topic, long acked, LoadProbe probe) {
        MeterNames names = MeterNames.defaults();
        long successes = probe.finished() - probe.deadLetters() + probe.duplicates();
        return List.of(
                new MeterCheck(names.published() + "{topic}", acked, count(registry, names.published(), topic, null)),
                new MeterCheck(names.received() + "{topic}", probe.expected() + probe.duplicates(),
                        count(registry, names.received(), topic, null)),
                new MeterCheck(names.handled() + "{outcome=success}", successes,
                        count(registry, names.handled(), topic, Outcome.SUCCESS)),
                new MeterCheck(names.handled() + "{outcome=retry}", probe.failedAttempts(),
                        count(registry, names.handled(), topic, Outcome.RETRY)),
                new MeterCheck(names.handled() + "{outcome=dead_letter}", probe.deadLetters(),
                        count(registry, names.handled(), topic, Outcome.DEAD_LETTER)));
    }

    static long count(MeterRegistry registry, String name, String topic, Outcome outcome) {
        var search = registry.find(name).tag(MeterTags.TOPIC, topic);
        if (outcome != null) {
            search = search.tag(MeterTags.OUTCOME, outcome.tagValue());
        }
        return Math.round(search.counters().stream().mapToDouble(Counter::count).sum());
    }

    @Override
    public String toString() {
        return String.format("%-45s expected %,d, meter %,d%s", meter, expected, actual, agrees() ? "" : "  MISMATCH");
    }
}
