package io.imsg.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.api.failure.DecodingException;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.deadletter.DeadLetterTopics;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * 1,000 hostile records of six kinds mixed into 100,000 good ones: every hostile record reaches the
 * dead-letter topic exactly once with its bytes, every good one is handled, and the consumer never
 * stops.
 */
@ImsgKafkaTest
class PoisonAtScaleIT {

    private static final int GOOD = 100_000;
    private static final int POISON = 1_000;
    private static final long SEED = 20261122L;

    @Test
    void thousandPoisonRecordsAmongHundredThousandGoodOnesAreEachDeadLetteredOnce(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("poison-scale");
        broker.createTopic(topic, 6);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        Router router = Router.builder()
                .route(topic, OrderPlaced.class, (message, context) -> handled.add(message.payload().getOrderId()))
                .build();
        EnvelopeCodec codec = Fixture.codec(router);
        Random random = new Random(SEED);
        Map<String, byte[]> poisonByKey = new HashMap<>();

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                        broker.bootstrapServers(), "linger.ms", 5), new ByteArraySerializer(), new ByteArraySerializer())) {
            int poisonSent = 0;
            for (int i = 0; i < GOOD; i++) {
                byte[] good = codec.encode(Message.builder(order("o-" + i)).source(new Source("it", "i")).build());
                producer.send(new ProducerRecord<>(topic, ("k" + i % 997).getBytes(StandardCharsets.UTF_8), good));
                if (i % (GOOD / POISON) == 0 && poisonSent < POISON) {
                    String key = "poison-" + poisonSent;
                    byte[] bad = poison(poisonSent++ % 6, good, random);
                    poisonByKey.put(key, bad);
                    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), bad));
                }
            }
            producer.flush();

            await().atMost(Duration.ofMinutes(3)).until(() -> handled.size() == GOOD);
            Map<String, Integer> deadLettered = new HashMap<>();
            try (KafkaConsumer<byte[], byte[]> reader = reader(broker)) {
                reader.subscribe(List.of(DeadLetterTopics.of(topic)));
                long deadline = System.currentTimeMillis() + 60_000;
                while (System.currentTimeMillis() < deadline && deadLettered.size() < POISON) {
                    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                        String key = new String(record.key(), StandardCharsets.UTF_8);
                        deadLettered.merge(key, 1, Integer::sum);
                        assertThat(record.value()).as(key).isEqualTo(poisonByKey.get(key));
                        String thrown = new String(record.headers().lastHeader(ImsgHeaders.DLT_EXCEPTION_CLASS).value(),
                                StandardCharsets.UTF_8);
                        assertThat(DecodingException.class).isAssignableFrom(Class.forName(thrown));
                    }
                }
                reader.poll(Duration.ofSeconds(1)).forEach(r -> deadLettered.merge(
                        new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum));
            }

            assertThat(deadLettered.keySet()).isEqualTo(poisonByKey.keySet());
            assertThat(deadLettered.values()).allMatch(count -> count == 1);
            assertThat(handled).hasSize(GOOD);
            assertThat(fixture.messaging().subscriber().orElseThrow().isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.lag(fixture.groupOf(), topic) == 0);
        }
    }

    /** Six kinds of hostile value, derived from a valid envelope so they look plausible. */
    private static byte[] poison(int kind, byte[] valid, Random random) {
        return switch (kind) {
            case 0 -> randomBytes(random, 1 + random.nextInt(300));                    // no marker at all
            case 1 -> Arrays.copyOf(valid, 10 + random.nextInt(valid.length - 11));   // truncated envelope
            case 2 -> withFingerprint(valid, random.nextLong());                        // unknown schema
            case 3 -> lengthBomb(valid);                                                // claims a 1 GB string
            case 4 -> Arrays.copyOf(valid, 2);                                          // marker only
            default -> new byte[0];                                                     // empty value
        };
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        bytes[0] = 0x42; // never the 0xC3 single-object marker
        return bytes;
    }

    private static byte[] withFingerprint(byte[] valid, long fingerprint) {
        byte[] copy = valid.clone();
        for (int i = 0; i < 8; i++) {
            copy[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return copy;
    }

    /** The header of a valid envelope, then a zig-zag varint length of 2^30 for its first string. */
    private static byte[] lengthBomb(byte[] valid) {
        byte[] bomb = Arrays.copyOf(valid, 15);
        byte[] varint = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
        System.arraycopy(varint, 0, bomb, 10, varint.length);
        return bomb;
    }

    private static OrderPlaced order(String id) {
        return OrderPlaced.newBuilder().setOrderId(id).setSku("sku").setQuantity(1).build();
    }

    private static KafkaConsumer<byte[], byte[]> reader(KafkaBroker broker) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers(), "group.id",
                TestNames.unique("reader"), "auto.offset.reset", "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }
}
