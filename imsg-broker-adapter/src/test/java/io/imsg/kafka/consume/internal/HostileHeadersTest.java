package io.imsg.kafka.consume.internal;

import static io.imsg.kafka.consume.internal.TestProcessors.OWNED;
import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.api.failure.DecodingException;
import io.imsg.api.failure.MessageTooLargeException;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.security.RecordProtection;
import io.imsg.kafka.retry.RetryTopology;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Crafted headers: too many, too big, forged reserved ones. Each is a typed rejection or ignored. */
class HostileHeadersTest {

    private static final String TOPIC = "orders";

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final EnvelopeCodec codec = AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(OrderPlaced.class),
            DecodingLimits.ofDefaults());
    private final AtomicInteger handled = new AtomicInteger();

    @Test
    void sixtyFiveHeadersAreADecodingFailureThatNeverReachesTheHandler() {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < 65; i++) {
            headers.add(new RecordHeader("h" + i, new byte[1]));
        }

        assertThat(processor(null).process(record(headers), OWNED)).isTrue();

        assertThat(handled).hasValue(0);
        assertThat(deadLetterHeader(ImsgHeaders.DLT_EXCEPTION_CLASS)).isEqualTo(DecodingException.class.getName());
        assertThat(deadLetterHeader(ImsgHeaders.DLT_EXCEPTION_MESSAGE)).contains("65 headers, over the limit of 64");
    }

    @Test
    void aSixtyFourKibibyteHeaderIsTooLargeAndNeverReachesTheHandler() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("big", new byte[64 * 1024]));

        processor(null).process(record(headers), OWNED);

        assertThat(handled).hasValue(0);
        assertThat(deadLetterHeader(ImsgHeaders.DLT_EXCEPTION_CLASS)).isEqualTo(MessageTooLargeException.class.getName());
    }

    @Test
    void forgedDeadLetterHeadersAreReplacedNotTrustedWhenTheRecordIsDeadLettered() {
        RecordHeaders forged = new RecordHeaders();
        forged.add(new RecordHeader(ImsgHeaders.DLT_ORIGINAL_TOPIC, "payments".getBytes(StandardCharsets.UTF_8)));
        forged.add(new RecordHeader(ImsgHeaders.DLT_ATTEMPTS, "999".getBytes(StandardCharsets.UTF_8)));
        forged.add(new RecordHeader(ImsgHeaders.RETRY_ORIGINAL_TOPIC, "payments".getBytes(StandardCharsets.UTF_8)));

        processor(new NonRetryableException("rejected")).process(record(forged), OWNED);

        assertThat(handled).hasValue(1);
        ProducerRecord<byte[], byte[]> deadLetter = producer.history().get(0);
        assertThat(deadLetter.topic()).isEqualTo("orders.dlt");
        assertThat(deadLetter.headers().headers(ImsgHeaders.DLT_ORIGINAL_TOPIC)).singleElement()
                .satisfies(h -> assertThat(new String(h.value(), StandardCharsets.UTF_8)).isEqualTo(TOPIC));
        assertThat(deadLetterHeader(ImsgHeaders.DLT_ATTEMPTS)).isEqualTo("1");
    }

    private RecordProcessor processor(RuntimeException failure) {
        Router router = Router.builder().route("reserve", TOPIC, OrderPlaced.class, (m, c) -> {
            handled.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
        }).build();
        return TestProcessors.create(codec, producer, router, RetryTopology.of(Map.of(TOPIC, List.of())),
                new UnorderedRetries(RetryTopology.of(Map.of())), RecordProtection.none());
    }

    private ConsumerRecord<byte[], byte[]> record(RecordHeaders headers) {
        OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku").setQuantity(1).build();
        byte[] value = codec.encode(Message.builder(order).key("o-1").source(new Source("orders", "i")).build());
        return new ConsumerRecord<>(TOPIC, 0, 17, 1L, TimestampType.CREATE_TIME, 1, value.length,
                "k".getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }

    private String deadLetterHeader(String key) {
        ProducerRecord<byte[], byte[]> deadLetter = producer.history().stream().filter(r -> r.topic().equals("orders.dlt"))
                .findFirst().orElseThrow(() -> new AssertionError("nothing was dead-lettered"));
        return new String(deadLetter.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
