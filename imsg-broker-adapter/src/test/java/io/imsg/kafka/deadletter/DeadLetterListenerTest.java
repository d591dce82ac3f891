package io.imsg.kafka.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Source;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.kafka.internal.RecordSender;
import io.imsg.kafka.presence.internal.LocalPresence;
import io.imsg.kafka.retry.OriginalRecord;
import io.imsg.kafka.retry.RetryTopology;
import io.imsg.schema.PresenceStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The dead-letter hook receipts hang on, and the sender stamp every record carries. */
class DeadLetterListenerTest {

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<ConsumerRecord<byte[], byte[]>> told = new CopyOnWriteArrayList<>();
    private final DeadLetterWriter writer = new DeadLetterWriter(new RecordSender(producer), "g",
            (record, failure) -> told.add(record));
    private final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders", 0, 7, null, new byte[] {1});
    private final OriginalRecord origin = OriginalRecord.of(record, RetryTopology.of(Map.of("orders", List.of())));

    @Test
    void theListenerHearsOfADeadLetterOnlyOnceTheBrokerAcknowledgedIt() {
        writer.write(record, origin, Failure.now(new IllegalStateException("boom"), "route", 1));
        assertThat(told).as("not before the acknowledgement").isEmpty();

        producer.completeNext();

        await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 1);
        assertThat(told.get(0)).isSameAs(record);
    }

    @Test
    void aFailedWriteIsNotReported() {
        var written = writer.write(record, origin, Failure.now(new IllegalStateException("boom"), "route", 1));
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker away"));

        assertThat(written).isCompletedExceptionally();
        // The listener is chained on success only: a failed write never even schedules it.
        assertThat(told).isEmpty();
    }

    @Test
    void theStampReplacesForgedSenderHeadersWithThisInstanceAndItsStatus() {
        LocalPresence local = new LocalPresence(new Source("shop", "shop-1"), true);
        RecordHeaders headers = new RecordHeaders();
        headers.add(HeaderMapping.utf8(ImsgHeaders.INSTANCE, "someone-else"));
        headers.add(HeaderMapping.utf8(ImsgHeaders.PRESENCE, "ONLINE"));

        local.stamp(headers);
        local.set(PresenceStatus.DRAINING);
        local.stamp(headers);

        assertThat(headers.headers(ImsgHeaders.INSTANCE)).singleElement()
                .satisfies(h -> assertThat(new String(h.value(), StandardCharsets.UTF_8)).isEqualTo("shop-1"));
        assertThat(headers.headers(ImsgHeaders.PRESENCE)).singleElement()
                .satisfies(h -> assertThat(new String(h.value(), StandardCharsets.UTF_8)).isEqualTo("DRAINING"));
        RecordHeaders unannounced = new RecordHeaders();
        new LocalPresence(new Source("shop", "shop-1"), false).stamp(unannounced);
        assertThat(unannounced.lastHeader(ImsgHeaders.PRESENCE)).as("no presence, no status").isNull();
        assertThat(unannounced.lastHeader(ImsgHeaders.INSTANCE)).isNotNull();
    }
}
