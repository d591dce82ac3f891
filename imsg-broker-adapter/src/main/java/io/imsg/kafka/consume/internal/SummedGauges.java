package io.imsg.kafka.consume.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Gauges that several subscribers of one group may register in one registry (two services of a
 * group in one process, say). Micrometer keeps the first gauge of a name and tags and ignores the
 * others, so each would report the first subscriber's value only, and nothing once it closed. Here
 * the gauge reports the sum over every subscriber that added a value, and goes with the last one.
 */
final class SummedGauges {

    private static final Map<Key, Summed> LIVE = new ConcurrentHashMap<>();

    /** A registry (by identity: registries do not define equality), a name and tags. */
    private record Key(MeterRegistry registry, String name, Tags tags) {}

    private static final class Summed {
        private final List<Supplier<Number>> parts = new CopyOnWriteArrayList<>();
        private Gauge gauge;

        double sum() {
            double sum = 0;
            for (Supplier<Number> part : parts) {
                sum += part.get().doubleValue();
            }
            return sum;
        }
    }

    private SummedGauges() {}

    /**
     * Adds {@code value} to the gauge {@code name} with {@code tags}, registering the gauge if it is
     * the first value.
     *
     * @return what removes this value again, and the gauge with the last one
     */
    static Runnable add(MeterRegistry registry, String name, String description, Tags tags, Supplier<Number> value) {
        Key key = new Key(registry, name, tags);
        LIVE.compute(key, (k, existing) -> {
            Summed summed = existing != null ? existing : new Summed();
            summed.parts.add(value);
            if (existing == null) {
                summed.gauge = Gauge.builder(name, summed, Summed::sum).description(description).tags(tags)
                        .strongReference(true).register(registry);
            }
            return summed;
        });
        return () -> LIVE.computeIfPresent(key, (k, summed) -> {
            summed.parts.remove(value);
            if (!summed.parts.isEmpty()) {
                return summed;
            }
            registry.remove(summed.gauge);
            return null;
        });
    }
}
