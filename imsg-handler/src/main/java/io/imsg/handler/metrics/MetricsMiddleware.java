package io.imsg.handler.metrics;

import io.imsg.api.metrics.MeterNames;
import io.imsg.api.Handler;
import io.imsg.api.Middleware;
import io.imsg.api.RouteInfo;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records, per route, how handling went ({@code imsg.messages.handled}, outcome {@code success} or
 * {@code failure}), how long the handler took ({@code imsg.handler.duration}) and how long after
 * its creation a message was handled ({@code imsg.message.latency}, successes only, with a
 * percentile histogram). Meters go to the registry given here, never to Micrometer's global one.
 * A failure is recorded and rethrown unchanged.
 *
 * <p>Where it sits in the chain decides what it measures: as the outermost middleware it records
 * one outcome per delivery, including any in-process retries inside it; nearer the handler, one
 * per attempt. Durations and latency use the registry's {@link io.micrometer.core.instrument.Clock},
 * so tests can drive them with a {@code MockClock}.
 *
 * <pre>{@code
 * MetricsMiddleware metrics = MetricsMiddleware.create(meterRegistry);
 * Router router = Router.builder().use(metrics).route("orders", OrderPlaced.class, handler).build();
 * }</pre>
 */
public final class MetricsMiddleware implements Middleware {

    private final MeterRegistry registry;
    private final MeterNames names;
    private final Duration maximumExpectedLatency;

    private MetricsMiddleware(Builder builder) {
        this.registry = builder.registry;
        this.names = builder.names;
        this.maximumExpectedLatency = builder.maximumExpectedLatency;
    }

    /** Metrics with the default names, recorded into {@code registry}. */
    public static MetricsMiddleware create(MeterRegistry registry) {
        return builder(registry).build();
    }

    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    @Override
    public Handler<SpecificRecord> wrap(RouteInfo route, Handler<SpecificRecord> next) {
        Objects.requireNonNull(next, "next handler must not be null");
        return new MeasuredHandler(metersFor(route), registry.config().clock(), next);
    }

    /**
     * The meters of {@code route} with this middleware's names and settings. Meters are shared
     * through the registry, so every {@code RouteMeters} of one route records into the same series.
     */
    public RouteMeters metersFor(RouteInfo route) {
        Objects.requireNonNull(route, "route must not be null");
        return new RouteMeters(registry, names, maximumExpectedLatency, route);
    }

    public MeterNames names() {
        return names;
    }

    @Override
    public String toString() {
        return "MetricsMiddleware[" + names + "]";
    }

    /** Settings of a {@link MetricsMiddleware}; each setter checks its argument. */
    public static final class Builder {

        private final MeterRegistry registry;
        private MeterNames names = MeterNames.defaults();
        private Duration maximumExpectedLatency = Duration.ofMinutes(5);

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry must not be null");
        }

        public Builder names(MeterNames meterNames) {
            this.names = Objects.requireNonNull(meterNames, "names must not be null");
            return this;
        }

        /**
         * The top of the latency histogram (default 5 minutes); slower messages land in its last
         * bucket. Raise it when messages routinely wait in retry topics for longer.
         */
        public Builder maximumExpectedLatency(Duration latency) {
            Objects.requireNonNull(latency, "maximumExpectedLatency must not be null");
            if (latency.isNegative() || latency.isZero()) {
                throw new IllegalArgumentException("maximumExpectedLatency must be > 0, was " + latency);
            }
            this.maximumExpectedLatency = latency;
            return this;
        }

        public MetricsMiddleware build() {
            return new MetricsMiddleware(this);
        }
    }
}
