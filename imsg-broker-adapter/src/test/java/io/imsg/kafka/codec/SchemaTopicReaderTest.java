package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.failure.ImsgException;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SchemaTopicReaderTest {

    private static final String TOPIC = "_imsg.schemas";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final SchemaRegistry registry = SchemaRegistry.create();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final SchemaTopicReader reader = new SchemaTopicReader(consumer, TOPIC,
            new SchemaTopicRecords(registry, SchemaTopicSettings.ofDefaults()));

    @Test
    void aMissingTopicHoldsNothing() {
        assertThat(reader.readToEnd(Duration.ofMillis(100))).isZero();
    }

    @Test
    void theFirstReadStartsAtTheBeginningAndLaterOnesReadOnlyWhatIsNew() {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 1L));
        consumer.schedulePollTask(() -> consumer.addRecord(recordOf(0, OrderPlaced.getClassSchema())));

        assertThat(reader.readToEnd(Duration.ofSeconds(5))).isEqualTo(1);

        consumer.updateEndOffsets(Map.of(PARTITION, 2L));
        consumer.schedulePollTask(() -> consumer.addRecord(recordOf(1, InventoryReserved.getClassSchema())));
        assertThat(reader.readToEnd(Duration.ofSeconds(5))).isEqualTo(1);
        assertThat(registry.contains(SchemaRegistry.fingerprint(InventoryReserved.getClassSchema()))).isTrue();
    }

    @Test
    void anEndThatIsNeverReachedTimesOutWithAClearError() {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 5L));

        assertThatThrownBy(() -> reader.readToEnd(Duration.ofMillis(300)))
                .isInstanceOf(ImsgException.class)
                .hasMessageContaining("IMSG-2006")
                .hasMessageContaining("was not read to its end");
    }

    private static ConsumerRecord<byte[], byte[]> recordOf(long offset, Schema schema) {
        return new ConsumerRecord<>(TOPIC, 0, offset,
                Text.hex(SchemaRegistry.fingerprint(schema)).getBytes(StandardCharsets.US_ASCII),
                schema.toString().getBytes(StandardCharsets.UTF_8));
    }
}
