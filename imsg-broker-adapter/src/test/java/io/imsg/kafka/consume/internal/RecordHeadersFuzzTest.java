package io.imsg.kafka.consume.internal;

import static io.imsg.kafka.consume.internal.TestProcessors.OWNED;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.header.MessageHeaders;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.kafka.retry.RetryTopology;
import io.imsg.kafka.security.RecordProtection;
import io.imsg.kafka.security.crypto.RecordSigner;
import io.imsg.kafka.security.crypto.SignatureVerifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fuzzes what a consumer reads besides the value: any number of headers (forged reserved ones
 * included: attempt, retry origin, dead-letter, signature), of any size, on a routed or a retry
 * topic, with a valid, signed or hostile value. Each record must end in exactly one place (handled
 * once, or in the dead-letter topic with its value intact), and nothing may escape as an
 * exception. Regression over {@code RecordHeadersFuzzTestInputs/} in every run; JAZZER_FUZZ=1 fuzzes.
 */
class RecordHeadersFuzzTest {

    private static final String TOPIC = "orders";
    private static final String RETRY_TOPIC = "orders.retry.1s";
    private static final List<String> KEYS = List.of(ImsgHeaders.MESSAGE_ID, ImsgHeaders.TYPE, ImsgHeaders.PRIORITY,
            ImsgHeaders.SOURCE, ImsgHeaders.ATTEMPT, ImsgHeaders.SIGNATURE, ImsgHeaders.DLT_ORIGINAL_TOPIC,
            ImsgHeaders.DLT_ATTEMPTS, ImsgHeaders.DLT_EXCEPTION_CLASS, ImsgHeaders.REDRIVE_COUNT,
            ImsgHeaders.RETRY_ORIGINAL_TOPIC, ImsgHeaders.RETRY_ORIGINAL_PARTITION, ImsgHeaders.RETRY_ORIGINAL_OFFSET,
            ImsgHeaders.RETRY_ORIGINAL_TIMESTAMP, ImsgHeaders.RETRY_FIRST_FAILURE, "IMSG-Attempt", "traceparent");

    private static final EnvelopeCodec CODEC = AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(OrderPlaced.class),
            DecodingLimits.ofDefaults());
    private static final SecretKeySpec HMAC = new SecretKeySpec(new byte[32], "HmacSHA256");
    private static final MockProducer<byte[], byte[]> PRODUCER =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private static final AtomicInteger HANDLED = new AtomicInteger();
    private static final RecordProcessor PLAIN = processor(RecordProtection.none());
    private static final RecordProcessor VERIFYING =
            processor(RecordProtection.builder().verify(TOPIC, SignatureVerifier.hmacSha256(Map.of("s1", HMAC))).build());
    private static final ProducerRecord<byte[], byte[]> SIGNED = signedRecord();

    @FuzzTest(maxDuration = "5m")
    void anyHeadersEndInExactlyOnePlaceWithoutEscapingExceptions(FuzzedDataProvider data) {
        PRODUCER.clear();
        HANDLED.set(0);
        boolean verifying = data.consumeBoolean();
        String topic = data.consumeBoolean() ? TOPIC : RETRY_TOPIC;
        RecordHeaders headers = new RecordHeaders();
        if (data.consumeBoolean()) {
            SIGNED.headers().forEach(header -> headers.add(header.key(), header.value()));
        }
        int count = data.consumeInt(0, 80);
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            String key = data.consumeBoolean() ? data.pickValue(KEYS) : data.consumeString(40);
            int size = data.consumeBoolean() ? data.consumeInt(0, 70_000) : data.consumeInt(0, 32);
            byte[] value = data.consumeBoolean() ? new byte[size] : data.consumeBytes(size);
            headers.add(new RecordHeader(key, value));
        }
        byte[] value = data.consumeBoolean() ? SIGNED.value() : data.consumeRemainingAsBytes();
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic, 0, 17, 1L, TimestampType.CREATE_TIME, 2,
                value.length, SIGNED.key(), value, headers, Optional.empty());

        MessageHeaders view = HeaderMapping.view(headers);   // typed accessors never throw
        view.priority();
        view.attempt();
        view.messageId();
        boolean resolved = (verifying ? VERIFYING : PLAIN).process(record, OWNED);

        List<ProducerRecord<byte[], byte[]>> deadLetters = PRODUCER.history().stream()
                .filter(r -> r.topic().equals(TOPIC + ".dlt")).toList();
        if (!resolved || HANDLED.get() + deadLetters.size() != 1) {
            throw new AssertionError("resolved=" + resolved + ", handled " + HANDLED.get() + ", dead letters " + deadLetters.size());
        }
        if (!deadLetters.isEmpty() && !Arrays.equals(deadLetters.get(0).value(), value)) {
            throw new AssertionError("the dead letter's value differs from the consumed value");
        }
    }

    private static RecordProcessor processor(RecordProtection protection) {
        Router router = Router.builder().route("reserve", TOPIC, OrderPlaced.class, (m, c) -> HANDLED.incrementAndGet()).build();
        RetryTopology topology = RetryTopology.of(Map.of(TOPIC, List.of(Duration.ofSeconds(1))));
        return TestProcessors.create(CODEC, PRODUCER, router, topology, new UnorderedRetries(topology), protection);
    }

    private static ProducerRecord<byte[], byte[]> signedRecord() {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers("127.0.0.1:1").service("fuzz")
                .protection(RecordProtection.builder().sign(TOPIC, RecordSigner.hmacSha256("s1", HMAC)).build()).build();
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaPublisher publisher = KafkaPublisher.create(kafka, PublisherSettings.ofDefaults(), CODEC, producer,
                new SimpleMeterRegistry());
        OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku").setQuantity(1).build();
        publisher.publish(TOPIC, Message.builder(order).key("o-1").source(new Source("orders", "i-1")).build()).join();
        ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        return new ProducerRecord<>(record.topic(), null, "o-1".getBytes(StandardCharsets.UTF_8), record.value(),
                record.headers());
    }
}
