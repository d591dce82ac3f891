package io.imsg.handler.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simple registry that remembers each timer's distribution settings. The simple registry does not
 * publish percentile-histogram buckets itself (only backends with aggregable percentiles, such as
 * Prometheus, do), so tests read what a timer asked for here instead.
 */
final class HistogramConfigRegistry extends SimpleMeterRegistry {

    private final Map<String, DistributionStatisticConfig> timerConfigs = new ConcurrentHashMap<>();

    HistogramConfigRegistry(Clock clock) {
        super(SimpleConfig.DEFAULT, clock);
    }

    @Override
    protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
        timerConfigs.put(id.getName(), config);
        return super.newTimer(id, config, pauseDetector);
    }

    DistributionStatisticConfig timerConfig(String name) {
        DistributionStatisticConfig config = timerConfigs.get(name);
        if (config == null) {
            throw new AssertionError("no timer named " + name + " was registered; timers: " + timerConfigs.keySet());
        }
        return config;
    }
}
