package io.imsg.handler.metrics;

import io.imsg.api.metrics.MeterNames;
import io.imsg.api.metrics.MeterTags;
import io.imsg.api.metrics.Outcome;

import io.imsg.api.RouteInfo;
import io.imsg.schema.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The handling meters of one route, created on first use and then reused, so recording on the hot
 * path is an array read: no tag strings built, no registry lookup. Only combinations that occur get
 * registered, which keeps rarely used priorities from publishing empty histograms. Thread-safe; two
 * threads racing to create the same meter get the same instance back from the registry.
 *
 * <p>Obtain one from {@link MetricsMiddleware#metersFor(RouteInfo)}, so that code recording
 * {@link Outcome#RETRY} or {@link Outcome#DEAD_LETTER} uses the same names and tags:
 *
 * <pre>{@code
 * metrics.metersFor(route).handled(message.priority(), Outcome.DEAD_LETTER).increment();
 * }</pre>
 */
public final class RouteMeters {

    private static final Priority[] PRIORITIES = Priority.values();
    private static final Outcome[] OUTCOMES = Outcome.values();

    private final MeterRegistry registry;
    private final MeterNames names;
    private final Duration maximumExpectedLatency;
    private final Tags routeTags;
    private final AtomicReferenceArray<Counter> handled;
    private final AtomicReferenceArray<Timer> durations;
    private final AtomicReferenceArray<Timer> latencies;

    RouteMeters(MeterRegistry registry, MeterNames names, Duration maximumExpectedLatency, RouteInfo route) {
        this.registry = registry;
        this.names = names;
        this.maximumExpectedLatency = maximumExpectedLatency;
        this.routeTags = Tags.of(
                MeterTags.ROUTE, route.name(),
                MeterTags.TOPIC, route.topic(),
                MeterTags.TYPE, route.messageType());
        this.handled = new AtomicReferenceArray<>(PRIORITIES.length * OUTCOMES.length);
        this.durations = new AtomicReferenceArray<>(OUTCOMES.length);
        this.latencies = new AtomicReferenceArray<>(PRIORITIES.length);
    }

    /** The {@link MeterNames#handled()} counter for one priority and outcome. */
    public Counter handled(Priority priority, Outcome outcome) {
        int slot = priority.ordinal() * OUTCOMES.length + outcome.ordinal();
        Counter counter = handled.get(slot);
        if (counter == null) {
            counter = Counter.builder(names.handled())
                    .description("Messages finished by a route, by outcome")
                    .tags(routeTags)
                    .tag(MeterTags.PRIORITY, tagValue(priority))
                    .tag(MeterTags.OUTCOME, outcome.tagValue())
                    .register(registry);
            handled.set(slot, counter);
        }
        return counter;
    }

    /** The {@link MeterNames#handlerDuration()} timer for one outcome. */
    public Timer handlerDuration(Outcome outcome) {
        Timer timer = durations.get(outcome.ordinal());
        if (timer == null) {
            timer = Timer.builder(names.handlerDuration())
                    .description("Time spent in the handler and the middleware inside this one")
                    .tags(routeTags)
                    .tag(MeterTags.OUTCOME, outcome.tagValue())
                    .register(registry);
            durations.set(outcome.ordinal(), timer);
        }
        return timer;
    }

    /** The {@link MeterNames#latency()} timer for one priority, with a percentile histogram. */
    public Timer latency(Priority priority) {
        Timer timer = latencies.get(priority.ordinal());
        if (timer == null) {
            timer = Timer.builder(names.latency())
                    .description("Time from a message's creation to the end of its successful handling")
                    .tags(routeTags)
                    .tag(MeterTags.PRIORITY, tagValue(priority))
                    .publishPercentileHistogram()
                    .maximumExpectedValue(maximumExpectedLatency)
                    .register(registry);
            latencies.set(priority.ordinal(), timer);
        }
        return timer;
    }

    /** The enum name as on the wire ({@code HIGH}), matching what the consumer tags dead letters with. */
    private static String tagValue(Priority priority) {
        return priority.name();
    }
}
