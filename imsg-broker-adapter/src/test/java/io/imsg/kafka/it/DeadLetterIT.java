package io.imsg.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.api.failure.DecodingException;
import io.imsg.api.failure.MessageTooLargeException;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.deadletter.DeadLetterTopics;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Failures end in the dead-letter topic with their bytes intact, and nothing else stops. */
@ImsgKafkaTest
class DeadLetterIT {

    @Test
    void undecodableRecordsGoStraightToTheDeadLetterTopicOnceWithTheirBytesAndConsumptionContinues(KafkaBroker broker)
            throws Exception {
        String topic = TestNames.unique("poison");
        broker.createTopic(topic, 3);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        Router router = Router.builder()
                .route(topic, OrderPlaced.class, (message, context) -> handled.add(message.payload().getOrderId()))
                .build();
        EnvelopeCodec codec = Fixture.codec(router);
        byte[] valid = codec.encode(Message.builder(order("template")).source(new io.imsg.api.Source("s", "i")).build());
        List<byte[]> poison = List.of(
                "not an envelope".getBytes(StandardCharsets.UTF_8),
                Arrays.copyOf(valid, valid.length / 2),                  // truncated
                new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8},   // unknown envelope fingerprint
                new byte[0]);

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build());
                KafkaProducer<byte[], byte[]> raw = rawProducer(broker)) {
            for (int i = 0; i < 20; i++) {
                fixture.publisher().publish(topic, Message.builder(order("good-" + i)).key("k" + i).build()).join();
                if (i < poison.size()) {
                    raw.send(new ProducerRecord<>(topic, ("bad" + i).getBytes(StandardCharsets.UTF_8), poison.get(i))).get();
                }
            }
            raw.send(new ProducerRecord<>(topic, "tombstone".getBytes(StandardCharsets.UTF_8), null)).get();

            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == 20);
            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.readAll(DeadLetterTopics.of(topic), poison.size() + 1);

            assertThat(deadLetters).hasSize(poison.size() + 1);
            for (ConsumerRecord<byte[], byte[]> deadLetter : deadLetters) {
                String key = new String(deadLetter.key(), StandardCharsets.UTF_8);
                if (key.equals("tombstone")) {
                    assertThat(deadLetter.value()).isNull();
                } else {
                    assertThat(deadLetter.value()).isEqualTo(poison.get(Integer.parseInt(key.substring(3))));
                }
                String exceptionClass = header(deadLetter, ImsgHeaders.DLT_EXCEPTION_CLASS);
                assertThat(DecodingException.class).isAssignableFrom(Class.forName(exceptionClass));
                assertThat(header(deadLetter, ImsgHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topic);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.lag(fixture.groupOf(), topic) == 0);
        }
    }

    @Test
    void aFailingHandlerIsDeadLetteredAndItsOutputsAreNeverPublished(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("orders");
        String outputs = TestNames.unique("reservations");
        broker.createTopic(topic, 2);
        broker.createTopic(outputs, 1);
        Router router = Router.builder().route("reserve", topic, OrderPlaced.class, (message, context) -> {
            OrderPlaced order = message.payload();
            context.emit(outputs, Message.builder(new InventoryReserved(order.getOrderId(), order.getSku(), 1, 0))
                    .causedBy(message).build());
            if (order.getOrderId().startsWith("fail")) {
                throw new IllegalStateException("warehouse offline for " + order.getOrderId());
            }
        }).build();

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build())) {
            for (String id : List.of("ok-1", "fail-1", "ok-2", "fail-2", "ok-3")) {
                fixture.publisher().publish(topic, Message.builder(order(id)).key(id).build()).join();
            }

            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.readAll(DeadLetterTopics.of(topic), 2);
            List<ConsumerRecord<byte[], byte[]>> published = fixture.readAll(outputs, 3);

            assertThat(deadLetters).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("fail-1", "fail-2");
            assertThat(deadLetters).allSatisfy(r -> {
                assertThat(header(r, ImsgHeaders.DLT_EXCEPTION_CLASS)).isEqualTo(IllegalStateException.class.getName());
                assertThat(header(r, ImsgHeaders.DLT_ROUTE)).isEqualTo("reserve");
                assertThat(header(r, ImsgHeaders.DLT_EXCEPTION_MESSAGE)).startsWith("warehouse offline");
            });
            EnvelopeCodec outputCodec = AvroEnvelopeCodec.create(SchemaRegistry.create(),
                    List.of(InventoryReserved.class), DecodingLimits.ofDefaults());
            assertThat(published).extracting(r -> outputCodec.decode(r.value(), null).payload())
                    .extracting(p -> ((InventoryReserved) p).getOrderId())
                    .containsExactlyInAnyOrder("ok-1", "ok-2", "ok-3");
        }
    }

    @Test
    void anOversizedMessageFailsBeforeItReachesTheBroker(KafkaBroker broker) {
        String topic = TestNames.unique("big");
        broker.createTopic(topic, 1);
        Router router = Router.builder().route(topic, OrderPlaced.class, (m, c) -> { }).build();

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build())) {
            OrderPlaced huge = OrderPlaced.newBuilder().setOrderId("x".repeat(1_100_000)).setSku("s").setQuantity(1).build();

            assertThatThrownBy(() -> fixture.publisher().publish(topic, Message.of(huge)).join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(MessageTooLargeException.class)
                    .hasMessageContaining("over the limit of 1000000 bytes");
        }
    }

    @Test
    void aRecordNearTheTopicSizeLimitIsStillDeadLetteredWithItsBytes(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("near-limit");
        broker.createTopic(topic, 1);
        Router router = Router.builder().route(topic, OrderPlaced.class, (m, c) -> { }).build();
        // Under the broker's 1 MiB record limit, but not with ~7 KB of dead-letter headers added.
        byte[] garbage = new byte[1_046_000];
        new java.util.Random(7).nextBytes(garbage);

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build());
                KafkaProducer<byte[], byte[]> raw = rawProducer(broker)) {
            raw.send(new ProducerRecord<>(topic, "big".getBytes(StandardCharsets.UTF_8), garbage)).get();

            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.readAll(DeadLetterTopics.of(topic), 1);

            assertThat(deadLetters).hasSize(1);
            assertThat(deadLetters.get(0).value()).isEqualTo(garbage);
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.lag(fixture.groupOf(), topic) == 0);
        }
    }

    @Test
    void anOutputThatCanNeverBeSentDeadLettersTheInputBeforeAnyOutputIsPublished(KafkaBroker broker)
            throws Exception {
        String topic = TestNames.unique("orders");
        String outputs = TestNames.unique("reservations");
        broker.createTopic(topic, 1);
        broker.createTopic(outputs, 1);
        Router router = Router.builder().route("reserve", topic, OrderPlaced.class, (message, context) -> {
            String id = message.payload().getOrderId();
            context.emit(outputs, Message.of(new InventoryReserved(id, "sku", 1, 0)));
            String unsendable = id.equals("null-field") ? null : "x".repeat(id.equals("too-big") ? 1_100_000 : 1);
            // a null in a required field cannot be encoded; 1.1 MB is over the publisher's limit
            context.emit(outputs, Message.of(new InventoryReserved(id, unsendable, 1, 0)));
        }).build();

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build())) {
            for (String id : List.of("null-field", "too-big", "fine")) {
                fixture.publisher().publish(topic, Message.builder(order(id)).key(id).build()).join();
            }

            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.readAll(DeadLetterTopics.of(topic), 2);
            List<ConsumerRecord<byte[], byte[]>> published = fixture.readAll(outputs, 2);

            assertThat(deadLetters).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("null-field", "too-big");
            assertThat(deadLetters).extracting(r -> header(r, ImsgHeaders.DLT_EXCEPTION_CLASS))
                    .containsExactlyInAnyOrder(io.imsg.api.failure.NonRetryableException.class.getName(),
                            MessageTooLargeException.class.getName());
            assertThat(published).as("only the sendable message's two outputs, none of the others'").hasSize(2);
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.lag(fixture.groupOf(), topic) == 0);
        }
    }

    @Test
    void anOutputTheBrokerRefusesForGoodDeadLettersTheInputInsteadOfStallingItsPartition(KafkaBroker broker)
            throws Exception {
        String topic = TestNames.unique("orders");
        String outputs = TestNames.unique("reservations");
        String small = TestNames.unique("small");
        broker.createTopic(topic, 1);
        broker.createTopic(outputs, 1);
        // Under the publisher's own limit (1 MiB), so only the broker can refuse it.
        broker.createTopic(small, 1, java.util.Map.of("max.message.bytes", "2000"));
        Router router = Router.builder().route("reserve", topic, OrderPlaced.class, (message, context) -> {
            String id = message.payload().getOrderId();
            context.emit(outputs, Message.of(new InventoryReserved(id, "sku", 1, 0)));
            context.emit(small, Message.of(new InventoryReserved(id, "x".repeat(id.equals("big") ? 5_000 : 1), 1, 0)));
        }).build();

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build())) {
            for (String id : List.of("big", "fine")) {
                fixture.publisher().publish(topic, Message.builder(order(id)).key(id).build()).join();
            }

            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.readAll(DeadLetterTopics.of(topic), 1);

            assertThat(deadLetters).singleElement().satisfies(deadLetter -> {
                assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo("big");
                assertThat(header(deadLetter, ImsgHeaders.DLT_EXCEPTION_CLASS))
                        .isEqualTo(io.imsg.api.failure.OutputRefusedException.class.getName());
                assertThat(header(deadLetter, ImsgHeaders.DLT_EXCEPTION_MESSAGE))
                        .contains("the broker refused an output to " + small + " for good")
                        .contains("RecordTooLargeException");
            });
            // The output sent before the refused one stays published; the next message is not held up.
            assertThat(fixture.readAll(outputs, 2)).hasSize(2);
            assertThat(fixture.readAll(small, 1)).hasSize(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.lag(fixture.groupOf(), topic) == 0);
        }
    }

    @Test
    void aRecordLargerThanThePublishersLimitIsDeadLetteredWhenItsTopicAllowedIt(KafkaBroker broker) throws Exception {
        // The topic takes 3 MiB records; the decoder (1 MiB) refuses this one, and its dead letter is
        // larger than anything the publisher itself would send (1,000,000 bytes).
        String topic = TestNames.unique("large");
        broker.createTopic(topic, 1, java.util.Map.of("max.message.bytes", String.valueOf(3 * 1024 * 1024)));
        Set<String> handled = ConcurrentHashMap.newKeySet();
        Router router = Router.builder()
                .route(topic, OrderPlaced.class, (message, context) -> handled.add(message.payload().getOrderId()))
                .build();
        byte[] large = new byte[1_500_000];
        Arrays.fill(large, (byte) 7);

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build());
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(java.util.Map.of("bootstrap.servers",
                        broker.bootstrapServers(), "max.request.size", 4 * 1024 * 1024), new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, "large".getBytes(StandardCharsets.UTF_8), large)).get();
            fixture.publisher().publish(topic, Message.builder(order("after")).key("after").build()).join();

            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.readAll(DeadLetterTopics.of(topic), 1);

            assertThat(deadLetters).singleElement().satisfies(deadLetter -> {
                assertThat(deadLetter.value()).isEqualTo(large);
                assertThat(header(deadLetter, ImsgHeaders.DLT_EXCEPTION_CLASS))
                        .isEqualTo(MessageTooLargeException.class.getName());
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.contains("after"));
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.lag(fixture.groupOf(), topic) == 0);
        }
    }

    @Test
    void headerBombsAreDeadLetteredUndecodedWithTheirHeadersIntact(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("headers");
        broker.createTopic(topic, 1);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        Router router = Router.builder()
                .route(topic, OrderPlaced.class, (message, context) -> handled.add(message.payload().getOrderId()))
                .build();
        byte[] valid = Fixture.codec(router).encode(
                Message.builder(order("valid")).source(new io.imsg.api.Source("s", "i")).build());

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build());
                KafkaProducer<byte[], byte[]> raw = rawProducer(broker)) {
            ProducerRecord<byte[], byte[]> manyHeaders = new ProducerRecord<>(topic, "many".getBytes(StandardCharsets.UTF_8), valid);
            for (int i = 0; i < 65; i++) {
                manyHeaders.headers().add("trace-" + i, new byte[] {1});
            }
            ProducerRecord<byte[], byte[]> bigHeader = new ProducerRecord<>(topic, "big".getBytes(StandardCharsets.UTF_8), valid);
            bigHeader.headers().add("blob", new byte[40 * 1024]);
            raw.send(manyHeaders).get();
            raw.send(bigHeader).get();
            fixture.publisher().publish(topic, Message.builder(order("after")).key("after").build()).join();

            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.readAll(DeadLetterTopics.of(topic), 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.contains("after"));

            assertThat(handled).as("the bombs were never handled").containsExactly("after");
            assertThat(deadLetters).extracting(r -> header(r, ImsgHeaders.DLT_EXCEPTION_CLASS))
                    .containsExactlyInAnyOrder(DecodingException.class.getName(), MessageTooLargeException.class.getName());
            ConsumerRecord<byte[], byte[]> big = deadLetters.stream()
                    .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("big")).findFirst().orElseThrow();
            assertThat(big.headers().lastHeader("blob").value()).hasSize(40 * 1024);
            assertThat(big.value()).isEqualTo(valid);
        }
    }

    private static OrderPlaced order(String id) {
        return OrderPlaced.newBuilder().setOrderId(id).setSku("sku").setQuantity(1).build();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> rawProducer(KafkaBroker broker) {
        return new KafkaProducer<>(java.util.Map.of("bootstrap.servers", broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}
