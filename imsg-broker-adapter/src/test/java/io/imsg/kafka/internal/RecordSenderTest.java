package io.imsg.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class RecordSenderTest {

    private static final int LARGEST_ORDINARY = 1_000;

    private final MockProducer<byte[], byte[]> ordinary = producer();
    private final MockProducer<byte[], byte[]> copies = producer();
    private final AtomicInteger copyingProducersMade = new AtomicInteger();
    private final RecordSender sender = new RecordSender(ordinary, LARGEST_ORDINARY, () -> {
        copyingProducersMade.incrementAndGet();
        return copies;
    });

    @Test
    void aCopyLargerThanTheServicesOwnRecordsGoesThroughTheCopyingProducerMadeOnFirstUse() {
        assertThat(copyingProducersMade).hasValue(0);

        sender.sendCopy(record(new byte[LARGEST_ORDINARY + 1])).join();
        sender.sendCopy(record(new byte[LARGEST_ORDINARY + 1])).join();

        assertThat(copies.history()).hasSize(2);
        assertThat(ordinary.history()).isEmpty();
        assertThat(copyingProducersMade).hasValue(1);
    }

    @Test
    void headersCountTowardsACopysSize() {
        ProducerRecord<byte[], byte[]> record = record(new byte[LARGEST_ORDINARY - 10]);
        record.headers().add("imsg-dlt-exception-message", new byte[100]);

        sender.sendCopy(record).join();

        assertThat(copies.history()).hasSize(1);
    }

    @Test
    void smallCopiesAndEveryOrdinarySendUseTheOneProducer() {
        sender.sendCopy(record(new byte[LARGEST_ORDINARY - 100])).join();
        sender.send(record(new byte[LARGEST_ORDINARY * 2])).join(); // a publish: its size was checked before

        assertThat(ordinary.history()).hasSize(2);
        assertThat(copyingProducersMade).hasValue(0);
    }

    @Test
    void aLargeCopyAfterCloseFailsWithoutMakingAProducer() {
        sender.close();

        assertThat(sender.sendCopy(record(new byte[LARGEST_ORDINARY + 1]))).isCompletedExceptionally();
        assertThat(copyingProducersMade).hasValue(0);
    }

    private static ProducerRecord<byte[], byte[]> record(byte[] value) {
        return new ProducerRecord<>("orders.dlt", new byte[] {1}, value);
    }

    private static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
