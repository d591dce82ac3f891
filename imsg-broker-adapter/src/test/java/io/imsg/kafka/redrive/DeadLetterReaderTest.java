package io.imsg.kafka.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.failure.ImsgException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The bounded read, on a mock consumer: from the beginning to the end offsets the read started with. */
class DeadLetterReaderTest {

    private static final TopicPartition P0 = new TopicPartition(Letters.DLT, 0);
    private static final TopicPartition P1 = new TopicPartition(Letters.DLT, 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final DeadLetterReader reader =
            new DeadLetterReader(consumer, RedriveSettings.ofDefaults().withTimeout(Duration.ofMillis(500)));

    @Test
    void readsEveryPartitionToTheEndItHadWhenTheReadStartedAndNoFurther() {
        topic(Map.of(P0, 2L, P1, 1L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(Letters.failed(0).record());
            consumer.addRecord(Letters.failed(1).record());
            consumer.addRecord(Letters.failed(2).record()); // appended after the read started
            consumer.addRecord(Letters.failed(0).partition(1).record());
        });

        List<String> read;
        try (Stream<DeadLetter> letters = reader.stream("orders")) {
            read = letters.map(DeadLetter::coordinates).toList();
        }

        assertThat(read).containsExactlyInAnyOrder("orders.dlt-0@0", "orders.dlt-0@1", "orders.dlt-1@0");
    }

    @Test
    void anEmptyTopicReadsAsNothingAtOnce() {
        topic(Map.of(P0, 0L, P1, 0L));

        assertThat(reader.summarize("orders.dlt").total()).isZero();
    }

    @Test
    void aMissingTopicIsATypedErrorThatNamesIt() {
        assertThatThrownBy(() -> reader.stream("payments"))
                .isInstanceOf(DeadLetterTopicNotFoundException.class)
                .hasMessageContaining("the dead-letter topic payments.dlt does not exist");
        assertThatThrownBy(() -> reader.readAt("payments", 0, 0)).isInstanceOf(DeadLetterTopicNotFoundException.class);
    }

    @Test
    void aReadThatMakesNoProgressFailsInsteadOfWaitingForever() {
        topic(Map.of(P0, 5L, P1, 0L)); // five records promised, none ever fetched

        assertThatThrownBy(() -> reader.stream("orders").count())
                .isInstanceOf(ImsgException.class)
                .hasMessageContaining("IMSG-1410 reading orders.dlt made no progress");
    }

    @Test
    void oneDeadLetterIsReadByItsCoordinates() {
        topic(Map.of(P0, 3L, P1, 0L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(Letters.failed(1).record());
            consumer.addRecord(Letters.failed(2).record());
        });

        assertThat(reader.readAt("orders", 0, 1)).get().extracting(DeadLetter::offset).isEqualTo(1L);
        assertThatThrownBy(() -> reader.readAt("orders", 7, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has partitions 0 to 1, not 7");
    }

    @Test
    void aNegativeOffsetIsRefusedBeforeKafkaIsAsked() {
        topic(Map.of(P0, 3L, P1, 0L));

        assertThatThrownBy(() -> reader.readAt("orders", 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("offset must be >= 0 (was -1)");
    }

    @Test
    void aMissingLedgerIsAnEmptyOne() {
        assertThat(reader.ledger("orders").size()).isZero();
    }

    private void topic(Map<TopicPartition, Long> ends) {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(Letters.DLT, ends.keySet().stream().sorted((a, b) -> a.partition() - b.partition())
                .map(tp -> new PartitionInfo(tp.topic(), tp.partition(), node, new Node[] {node}, new Node[] {node}))
                .toList());
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(ends);
    }
}
