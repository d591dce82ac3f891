package io.imsg.examples.load;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of one run in milliseconds, and the percentile curve for the HTML plot.
 *
 * @param count recorded values
 * @param curve (percentile, milliseconds) points from 0 to 99.999 and the maximum
 */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max,
        List<Point> curve) {

    /** One point of the percentile curve. */
    public record Point(double percentile, double millis) {}

    private static final double[] CURVE = {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100};

    public LatencySummary {
        curve = List.copyOf(curve);
    }

    /** From a histogram of microseconds. */
    static LatencySummary of(Histogram micros) {
        List<Point> curve = new ArrayList<>();
        for (double percentile : CURVE) {
            curve.add(new Point(percentile, ms(micros.getValueAtPercentile(percentile))));
        }
        return new LatencySummary(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()), curve);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
