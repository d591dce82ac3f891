package io.imsg.examples.orders.order;

import io.imsg.schema.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * End-to-end latency of orders, from the order message's creation to the handling of the
 * inventory's answer, by the order's priority. Recorded in microseconds with three significant
 * digits. Thread-safe.
 */
public final class LatencyByPriority {

    /** Percentiles of one priority, in milliseconds. */
    public record Summary(long count, double p50Millis, double p99Millis, double maxMillis) {}

    private final Map<Priority, Histogram> histograms = new EnumMap<>(Priority.class);

    public LatencyByPriority() {
        for (Priority priority : Priority.values()) {
            // Auto-resizing, so no latency is ever out of range.
            histograms.put(priority, new SynchronizedHistogram(3));
        }
    }

    /** Records one order's latency. */
    public void record(Priority priority, Duration latency) {
        histograms.get(priority).recordValue(Math.max(0, latency.toNanos() / 1_000));
    }

    /** The percentiles of {@code priority}; empty when nothing was recorded for it. */
    public Optional<Summary> summary(Priority priority) {
        Histogram histogram = histograms.get(priority).copy();
        if (histogram.getTotalCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Summary(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(99)), millis(histogram.getMaxValue())));
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }
}
