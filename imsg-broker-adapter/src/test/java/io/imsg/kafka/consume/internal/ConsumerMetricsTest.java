package io.imsg.kafka.consume.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Two subscribers of one group in one registry: their gauges add up, and go with the last of them. */
class ConsumerMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void theGaugesOfOneGroupSumItsSubscribersInThisRegistry() {
        ConsumerMetrics first = new ConsumerMetrics(registry, "inventory");
        ConsumerMetrics second = new ConsumerMetrics(registry, "inventory");
        ConsumerMetrics other = new ConsumerMetrics(registry, "billing");
        first.gauges(() -> 3, () -> 1);
        first.lagGauge("orders", () -> 10);
        second.gauges(() -> 4, () -> 0);
        second.lagGauge("orders", () -> 5);
        other.gauges(() -> 100, () -> 100);

        // Before, the second registration was ignored: 3, then nothing once the first closed.
        assertThat(gauge("imsg.consumer.in.flight", "inventory").gauge().value()).isEqualTo(7);
        assertThat(gauge("imsg.consumer.paused.partitions", "inventory").gauge().value()).isEqualTo(1);
        assertThat(gauge("imsg.consumer.lag", "inventory").tag("topic", "orders").gauge().value()).isEqualTo(15);
        assertThat(gauge("imsg.consumer.in.flight", "billing").gauge().value()).isEqualTo(100);

        first.removeGauges();

        assertThat(gauge("imsg.consumer.in.flight", "inventory").gauge().value()).isEqualTo(4);
        assertThat(gauge("imsg.consumer.lag", "inventory").tag("topic", "orders").gauge().value()).isEqualTo(5);

        second.removeGauges();
        other.removeGauges();

        assertThat(registry.find("imsg.consumer.in.flight").gauges()).isEmpty();
        assertThat(registry.find("imsg.consumer.lag").gauges()).isEmpty();
        // A later subscriber of the group starts from its own values, not the old loops'.
        ConsumerMetrics later = new ConsumerMetrics(registry, "inventory");
        later.gauges(() -> 2, () -> 0);
        assertThat(gauge("imsg.consumer.in.flight", "inventory").gauge().value()).isEqualTo(2);
        later.removeGauges();
    }

    @Test
    void aGaugeRemovedFromOutsideComesBackWithTheNextSubscriber() {
        ConsumerMetrics first = new ConsumerMetrics(registry, "inventory");
        first.gauges(() -> 3, () -> 0);
        registry.clear();
        ConsumerMetrics second = new ConsumerMetrics(registry, "inventory");

        second.gauges(() -> 4, () -> 0);

        assertThat(gauge("imsg.consumer.in.flight", "inventory").gauge().value()).isEqualTo(7);
        first.removeGauges();
        second.removeGauges();
        assertThat(registry.find("imsg.consumer.in.flight").gauges()).isEmpty();
    }

    private Search gauge(String name, String group) {
        return registry.find(name).tag(ConsumerMetrics.GROUP, group);
    }
}
