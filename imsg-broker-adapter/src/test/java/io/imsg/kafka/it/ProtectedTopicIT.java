package io.imsg.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.security.RecordProtection;
import io.imsg.kafka.security.UntrustedRecordException;
import io.imsg.kafka.security.crypto.KeyProvider;
import io.imsg.kafka.security.crypto.RecordSigner;
import io.imsg.kafka.security.crypto.SignatureVerifier;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * An encrypted and signed topic on the real broker: the topic holds ciphertext only, the receiver
 * handles every genuine message, and records tampered with on the topic reach the dead-letter
 * topic with their bytes and never the handler.
 */
@ImsgKafkaTest
class ProtectedTopicIT {

    private static final int MESSAGES = 200;
    private static final String MARKER = "sku-PLAINTEXT-MARKER";

    @Test
    void theBrokerSeesCiphertextOnlyAndTamperedRecordsAreDeadLettered(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("secret-orders");
        broker.createTopic(topic, 3);
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        SecretKey aes = generator.generateKey();
        SecretKeySpec hmac = new SecretKeySpec("a shared signing key of 32 bytes".getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
        RecordProtection protection = RecordProtection.builder()
                .encrypt(topic, KeyProvider.of(Map.of("k-2026-11", aes), "k-2026-11"))
                .sign(topic, RecordSigner.hmacSha256("orders-1", hmac))
                .verify(topic, SignatureVerifier.hmacSha256(Map.of("orders-1", hmac)))
                .build();
        AtomicInteger handled = new AtomicInteger();
        Router router = Router.builder().route(topic, OrderPlaced.class, (message, context) -> {
            assertThat(message.payload().getSku()).isEqualTo(MARKER);
            handled.incrementAndGet();
        }).build();

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build(),
                kafka -> kafka.protection(protection))) {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-" + i).setSku(MARKER).setQuantity(i).build();
                sends.add(fixture.publisher().publish(topic, Message.builder(order).key("k-" + i).build()));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.get() == MESSAGES);

            List<ConsumerRecord<byte[], byte[]>> onTopic = fixture.readAll(topic, MESSAGES);
            assertThat(onTopic).hasSize(MESSAGES).allSatisfy(record -> {
                assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(MARKER).doesNotContain("PLAINTEXT");
                assertThat(record.headers().lastHeader(ImsgHeaders.SIGNATURE)).isNotNull();
            });

            ConsumerRecord<byte[], byte[]> genuine = onTopic.get(0);
            byte[] flipped = genuine.value().clone();
            flipped[flipped.length / 2] ^= 0x01;
            byte[] unsigned = genuine.value();
            try (KafkaProducer<byte[], byte[]> attacker = rawProducer(broker)) {
                attacker.send(new ProducerRecord<>(topic, null, genuine.key(), flipped, genuine.headers())).get();
                ProducerRecord<byte[], byte[]> stripped = new ProducerRecord<>(topic, null, genuine.key(), unsigned, genuine.headers());
                stripped.headers().remove(ImsgHeaders.SIGNATURE);
                attacker.send(stripped).get();
            }

            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.readAll(topic + ".dlt", 2);
            assertThat(deadLetters).hasSize(2);
            assertThat(deadLetters).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(flipped, unsigned);
            assertThat(deadLetters).allSatisfy(dead -> assertThat(new String(
                    dead.headers().lastHeader(ImsgHeaders.DLT_EXCEPTION_CLASS).value(), StandardCharsets.UTF_8))
                    .isEqualTo(UntrustedRecordException.class.getName()));
            assertThat(handled).hasValue(MESSAGES);
        }
    }

    private static KafkaProducer<byte[], byte[]> rawProducer(KafkaBroker broker) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
