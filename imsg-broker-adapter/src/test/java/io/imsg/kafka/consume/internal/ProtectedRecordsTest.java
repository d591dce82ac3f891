package io.imsg.kafka.consume.internal;

import static io.imsg.kafka.consume.internal.TestProcessors.OWNED;
import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.kafka.retry.RetryTopology;
import io.imsg.kafka.security.RecordProtection;
import io.imsg.kafka.security.UntrustedRecordException;
import io.imsg.kafka.security.crypto.KeyProvider;
import io.imsg.kafka.security.crypto.RecordSigner;
import io.imsg.kafka.security.crypto.SignatureVerifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Encrypted and signed records through the real publisher and record processor (Kafka's
 * MockProducer in between): what the topic holds, and that tampered records reach the dead-letter
 * topic with their bytes intact and never the handler.
 */
class ProtectedRecordsTest {

    private static final String TOPIC = "orders";
    private static final String SECRET_SKU = "sku-TOP-SECRET-77";

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final EnvelopeCodec codec = AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(OrderPlaced.class),
            DecodingLimits.ofDefaults());
    private final AtomicInteger handled = new AtomicInteger();
    private final SecretKey aes = key("AES", 256);
    private final SecretKey hmac = new SecretKeySpec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
            "HmacSHA256");

    @Test
    void theTopicHoldsNoPlaintextAndTheReceiverHandlesTheDecryptedMessage() {
        RecordProtection protection = RecordProtection.builder().encrypt(TOPIC, KeyProvider.of(Map.of("k1", aes), "k1")).build();

        ProducerRecord<byte[], byte[]> written = publish(protection, TOPIC);

        assertThat(new String(written.value(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET_SKU).doesNotContain("TOP-SECRET");
        assertThat(processor(protection).process(consumed(written, TOPIC), OWNED)).isTrue();
        assertThat(handled).hasValue(1);
        assertThat(sentTo(TOPIC + ".dlt")).isEmpty();
    }

    @Test
    void aRecordMovedToAnotherProtectedTopicFailsToDecryptAndIsDeadLettered() {
        KeyProvider keys = KeyProvider.of(Map.of("k1", aes), "k1");
        RecordProtection protection = RecordProtection.builder().encrypt(TOPIC, keys).encrypt("payments", keys).build();
        ProducerRecord<byte[], byte[]> written = publish(protection, TOPIC);

        assertThat(processor(protection, "payments").process(consumed(written, "payments"), OWNED)).isTrue();

        assertThat(handled).hasValue(0);
        assertThat(sentTo("payments.dlt")).singleElement().satisfies(dead -> {
            assertThat(dead.value()).isEqualTo(written.value());
            assertThat(header(dead, ImsgHeaders.DLT_EXCEPTION_CLASS)).isEqualTo(UntrustedRecordException.class.getName());
            assertThat(header(dead, ImsgHeaders.DLT_EXCEPTION_MESSAGE)).contains("DECRYPTION_FAILED");
        });
    }

    @Test
    void plaintextOnAnEncryptedTopicIsRefused() {
        ProducerRecord<byte[], byte[]> plain = publish(RecordProtection.none(), TOPIC);
        RecordProtection protection = RecordProtection.builder().encrypt(TOPIC, KeyProvider.of(Map.of("k1", aes), "k1")).build();

        processor(protection).process(consumed(plain, TOPIC), OWNED);

        assertThat(handled).hasValue(0);
        assertThat(header(sentTo(TOPIC + ".dlt").get(0), ImsgHeaders.DLT_EXCEPTION_MESSAGE)).contains("NOT_ENCRYPTED");
    }

    @Test
    void aFlippedBitInTheValueKeyOrAnySignedHeaderIsRejectedWithZeroHandlerCalls() {
        RecordProtection sender = RecordProtection.builder().sign(TOPIC, RecordSigner.hmacSha256("s1", hmac)).build();
        RecordProtection receiver = RecordProtection.builder().verify(TOPIC, SignatureVerifier.hmacSha256(Map.of("s1", hmac))).build();
        ProducerRecord<byte[], byte[]> signed = publish(sender, TOPIC);
        List<ConsumerRecord<byte[], byte[]>> tampered = new ArrayList<>();
        for (int bit = 0; bit < signed.value().length * 8; bit += 7) {
            tampered.add(record(flip(signed.value(), bit), signed.key(), copy(signed.headers().toArray())));
        }
        for (int bit = 0; bit < signed.key().length * 8; bit++) {
            tampered.add(record(signed.value(), flip(signed.key(), bit), copy(signed.headers().toArray())));
        }
        for (String name : List.of(ImsgHeaders.MESSAGE_ID, ImsgHeaders.TYPE, ImsgHeaders.PRIORITY, ImsgHeaders.SOURCE,
                ImsgHeaders.SIGNATURE)) {
            byte[] value = signed.headers().lastHeader(name).value();
            for (int bit = 0; bit < value.length * 8; bit += 3) {
                RecordHeaders headers = copy(signed.headers().toArray());
                headers.remove(name);
                headers.add(new RecordHeader(name, flip(value, bit)));
                tampered.add(record(signed.value(), signed.key(), headers));
            }
        }
        RecordProcessor processor = processor(receiver);

        for (ConsumerRecord<byte[], byte[]> record : tampered) {
            assertThat(processor.process(record, OWNED)).isTrue();
        }

        assertThat(handled).hasValue(0);
        assertThat(sentTo(TOPIC + ".dlt")).hasSize(tampered.size());
        assertThat(processor.process(consumed(signed, TOPIC), OWNED)).isTrue();
        assertThat(handled).as("the untouched record is accepted").hasValue(1);
    }

    @Test
    void unsignedAndDuplicatedSignedHeadersAreRejected() {
        RecordProtection receiver = RecordProtection.builder().verify(TOPIC, SignatureVerifier.hmacSha256(Map.of("s1", hmac))).build();
        ProducerRecord<byte[], byte[]> unsigned = publish(RecordProtection.none(), TOPIC);
        ProducerRecord<byte[], byte[]> signed = publish(RecordProtection.builder().sign(TOPIC, RecordSigner.hmacSha256("s1", hmac)).build(), TOPIC);
        RecordHeaders doubled = copy(signed.headers().toArray());
        doubled.add(new RecordHeader(ImsgHeaders.PRIORITY, "HIGH".getBytes(StandardCharsets.UTF_8)));

        processor(receiver).process(consumed(unsigned, TOPIC), OWNED);
        processor(receiver).process(record(signed.value(), signed.key(), doubled), OWNED);

        assertThat(handled).hasValue(0);
        assertThat(sentTo(TOPIC + ".dlt")).extracting(r -> header(r, ImsgHeaders.DLT_EXCEPTION_MESSAGE))
                .satisfiesExactly(m -> assertThat(m).contains("UNSIGNED"), m -> assertThat(m).contains("appears more than once"));
    }

    @Test
    void ed25519SignedAndEncryptedRecordsAreAcceptedOnlyWithTheSendersPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        KeyPair sender = generator.generateKeyPair();
        KeyPair impostor = generator.generateKeyPair();
        KeyProvider keys = KeyProvider.of(Map.of("k1", aes), "k1");
        ProducerRecord<byte[], byte[]> genuine = publish(RecordProtection.builder().encrypt(TOPIC, keys)
                .sign(TOPIC, RecordSigner.ed25519("svc", sender.getPrivate())).build(), TOPIC);
        ProducerRecord<byte[], byte[]> forged = publish(RecordProtection.builder().encrypt(TOPIC, keys)
                .sign(TOPIC, RecordSigner.ed25519("svc", impostor.getPrivate())).build(), TOPIC);
        RecordProtection receiver = RecordProtection.builder().encrypt(TOPIC, keys)
                .verify(TOPIC, SignatureVerifier.ed25519(Map.of("svc", sender.getPublic()))).build();

        processor(receiver).process(consumed(genuine, TOPIC), OWNED);
        processor(receiver).process(consumed(forged, TOPIC), OWNED);

        assertThat(handled).hasValue(1);
        assertThat(header(sentTo(TOPIC + ".dlt").get(0), ImsgHeaders.DLT_EXCEPTION_MESSAGE)).contains("BAD_SIGNATURE");
    }

    // --- fixtures ---

    private ProducerRecord<byte[], byte[]> publish(RecordProtection protection, String topic) {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers("127.0.0.1:1").service("test").protection(protection).build();
        KafkaPublisher publisher = KafkaPublisher.create(kafka, PublisherSettings.ofDefaults(), codec, producer,
                new SimpleMeterRegistry());
        OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-1").setSku(SECRET_SKU).setQuantity(1).build();
        publisher.publish(topic, Message.builder(order).key("o-1").source(new Source("orders", "i-1")).build()).join();
        return producer.history().get(producer.history().size() - 1);
    }

    private RecordProcessor processor(RecordProtection protection) {
        return processor(protection, TOPIC);
    }

    private RecordProcessor processor(RecordProtection protection, String topic) {
        Router router = Router.builder().route("reserve", topic, OrderPlaced.class, (m, c) -> handled.incrementAndGet()).build();
        return TestProcessors.create(codec, producer, router, RetryTopology.of(Map.of(topic, List.of())),
                new UnorderedRetries(RetryTopology.of(Map.of())), protection);
    }

    private static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> written, String topic) {
        return new ConsumerRecord<>(topic, 0, 17, 1L, TimestampType.CREATE_TIME, 1, written.value().length, written.key(),
                written.value(), copy(written.headers().toArray()), Optional.empty());
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value, byte[] key, RecordHeaders headers) {
        return new ConsumerRecord<>(TOPIC, 0, 17, 1L, TimestampType.CREATE_TIME, key.length, value.length, key, value,
                headers, Optional.empty());
    }

    private static RecordHeaders copy(Header[] headers) {
        RecordHeaders copy = new RecordHeaders();
        for (Header header : headers) {
            copy.add(new RecordHeader(header.key(), header.value().clone()));
        }
        return copy;
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] flipped = bytes.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        return flipped;
    }

    private List<ProducerRecord<byte[], byte[]>> sentTo(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static SecretKey key(String algorithm, int bits) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance(algorithm);
            generator.init(bits);
            return generator.generateKey();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
