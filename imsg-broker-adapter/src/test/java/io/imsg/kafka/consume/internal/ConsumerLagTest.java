package io.imsg.kafka.consume.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.metrics.MeterNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;
import org.apache.kafka.common.TopicPartition;

class ConsumerLagTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerMetrics metrics = new ConsumerMetrics(registry, MeterNames.defaults(), "group");
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final Map<TopicPartition, PartitionState> partitions = new ConcurrentHashMap<>();
    private final TopicPartition orders0 = new TopicPartition("orders", 0);
    private final TopicPartition orders1 = new TopicPartition("orders", 1);

    @Test
    void lagIsUnfetchedPlusFetchedButUnfinishedRecordsSummedPerTopic() {
        consumer.assign(List.of(orders0, orders1));
        consumer.updateBeginningOffsets(Map.of(orders0, 0L, orders1, 0L));
        consumer.updateEndOffsets(Map.of(orders0, 100L, orders1, 50L));
        consumer.seek(orders0, 40); // 60 not fetched yet
        consumer.seek(orders1, 50); // all fetched
        PartitionState state = new PartitionState(orders1);
        for (long offset = 45; offset < 50; offset++) {
            state.offsets.track(offset);
        }
        state.offsets.complete(45); // 4 of the 5 fetched records still unfinished
        partitions.put(orders1, state);

        new ConsumerLag(consumer, metrics, 0).refreshIfDue(partitions);

        assertThat(lagGauge("orders").value()).isEqualTo(60 + 4);
    }

    @Test
    void aTopicWhosePartitionsMovedAwayReadsZeroNotItsLastValue() {
        consumer.assign(List.of(orders0));
        consumer.updateEndOffsets(Map.of(orders0, 10L));
        consumer.seek(orders0, 0);
        ConsumerLag lag = new ConsumerLag(consumer, metrics, 0);
        lag.refreshIfDue(partitions);
        assertThat(lagGauge("orders").value()).isEqualTo(10);

        consumer.assign(List.of());
        lag.refreshIfDue(partitions);

        assertThat(lagGauge("orders").value()).isZero();
    }

    @Test
    void refreshesAtMostOncePerPeriodAndGaugesGoAwayWithTheLoop() {
        consumer.assign(List.of(orders0));
        consumer.updateEndOffsets(Map.of(orders0, 10L));
        consumer.seek(orders0, 0);
        ConsumerLag lag = new ConsumerLag(consumer, metrics, 60_000_000_000L);
        lag.refreshIfDue(partitions);
        consumer.updateEndOffsets(Map.of(orders0, 20L));

        lag.refreshIfDue(partitions);

        assertThat(lagGauge("orders").value()).as("not refreshed within the period").isEqualTo(10);
        metrics.removeGauges();
        assertThat(registry.find("imsg.consumer.lag").gauges()).isEmpty();
    }

    private Gauge lagGauge(String topic) {
        return registry.get("imsg.consumer.lag").tag("group", "group").tag("topic", topic).gauge();
    }
}
