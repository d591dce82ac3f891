package io.imsg.kafka.consume.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
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

    /**
     * Per registry, held weakly so that a registry dropped with a subscriber that never closed is not
     * kept: Micrometer offers no place on a registry to keep this, and two endpoints of a process
     * share nothing else.
     */
    private static final Map<MeterRegistry, Map<Key, Summed>> LIVE = Collections.synchronizedMap(new WeakHashMap<>());

    private record Key(String name, Tags tags) {}

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
     * Adds {@code value} to the gauge {@code name} with {@code tags}, registering the gauge again
     * each time: Micrometer hands back the one it has, or makes it anew if it was removed meanwhile.
     *
     * @return what removes this value again, and the gauge with the last one
     */
    static Runnable add(MeterRegistry registry, String name, String description, Tags tags, Supplier<Number> value) {
        Map<Key, Summed> ofRegistry = LIVE.computeIfAbsent(registry, r -> new ConcurrentHashMap<>());
        Key key = new Key(name, tags);
        ofRegistry.compute(key, (k, existing) -> {
            Summed summed = existing != null ? existing : new Summed();
            summed.parts.add(value);
            summed.gauge = Gauge.builder(name, summed, Summed::sum).description(description).tags(tags)
                    .strongReference(true).register(registry);
            return summed;
        });
        return () -> ofRegistry.computeIfPresent(key, (k, summed) -> {
            summed.parts.remove(value);
            if (!summed.parts.isEmpty()) {
                return summed;
            }
            registry.remove(summed.gauge);
            return null;
        });
    }
}
