package io.imsg.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.handler.metrics.MetricsMiddleware;
import io.imsg.handler.retry.RetryMiddleware;
import io.imsg.handler.retry.RetryPolicy;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.deadletter.DeadLetterTopics;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** In-process retry on the real broker: transient failures heal in place, permanent ones are dead-lettered. */
@ImsgKafkaTest
class RetryIT {

    private static final int MAX_ATTEMPTS = 3;
    private static final RetryPolicy POLICY = RetryPolicy.builder().maxAttempts(MAX_ATTEMPTS)
            .initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(100)).build();

    /** A failure of the test's own class, so the dead-letter header can only have come from the handler. */
    static final class WarehouseOfflineException extends RuntimeException {
        WarehouseOfflineException(String message) {
            super(message);
        }
    }

    @Test
    void transientFailuresAreRetriedInProcessAndOnlyTheSucceedingAttemptsOutputsArePublishedInPerKeyOrder(
            KafkaBroker broker) throws Exception {
        int keys = 5;
        int perKey = 20;
        String topic = TestNames.unique("orders");
        String outputs = TestNames.unique("reservations");
        broker.createTopic(topic, 3);
        broker.createTopic(outputs, 1);
        Map<String, List<Integer>> attemptsById = new ConcurrentHashMap<>();
        Map<String, List<Integer>> sequencesByKey = new ConcurrentHashMap<>();
        SimpleMeterRegistry handlerMeters = new SimpleMeterRegistry();
        MetricsMiddleware metrics = MetricsMiddleware.create(handlerMeters);
        Router router = Router.builder()
                .use(metrics)
                .use(RetryMiddleware.builder(POLICY).metrics(metrics).build())
                .route("reserve", topic, OrderPlaced.class, (message, context) -> {
                    OrderPlaced order = message.payload();
                    attemptsById.computeIfAbsent(order.getOrderId(), id -> Collections.synchronizedList(new ArrayList<>()))
                            .add(context.attempt());
                    // every attempt emits; the quantity says which attempt's output got published
                    context.emit(outputs, Message.builder(
                            new InventoryReserved(order.getOrderId(), order.getSku(), context.attempt(), 0))
                            .causedBy(message).build());
                    if (context.attempt() < MAX_ATTEMPTS) {
                        throw new WarehouseOfflineException("busy, attempt " + context.attempt());
                    }
                    sequencesByKey.computeIfAbsent(order.getSku(), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(order.getQuantity());
                })
                .build();

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build())) {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (int sequence = 0; sequence < perKey; sequence++) {
                for (int k = 0; k < keys; k++) {
                    OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-" + k + "-" + sequence)
                            .setSku("sku-" + k).setQuantity(sequence).build();
                    sends.add(fixture.publisher().publish(topic, Message.builder(order).key("sku-" + k).build()));
                }
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();

            List<ConsumerRecord<byte[], byte[]>> published = fixture.readAll(outputs, keys * perKey);
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.lag(fixture.groupOf(), topic) == 0);

            assertThat(published).extracting(r -> reservation(r).getOrderId()).hasSize(keys * perKey)
                    .doesNotHaveDuplicates();
            assertThat(published).extracting(r -> reservation(r).getQuantity())
                    .as("only the attempt that succeeded published").containsOnly(MAX_ATTEMPTS);
            assertThat(endOffset(fixture, DeadLetterTopics.of(topic))).as("nothing dead-lettered").isZero();
        }
        assertThat(attemptsById).hasSize(keys * perKey);
        assertThat(attemptsById.values()).allSatisfy(attempts -> assertThat(attempts).containsExactly(1, 2, 3));
        assertThat(sequencesByKey.values()).as("later records of a key waited behind the retrying one")
                .allSatisfy(sequence -> assertThat(sequence).hasSize(perKey).isSorted());
        assertThat(handlerMeters.get("imsg.messages.handled").tag("outcome", "retry").counter().count())
                .isEqualTo(2.0 * keys * perKey);
        assertThat(handlerMeters.get("imsg.messages.handled").tag("outcome", "success").counter().count())
                .isEqualTo(keys * perKey);
    }

    @Test
    void aPermanentlyFailingMessageIsDeadLetteredAfterMaxAttemptsWithTheClassItThrew(KafkaBroker broker)
            throws Exception {
        String topic = TestNames.unique("orders");
        broker.createTopic(topic, 2);
        Map<String, List<Integer>> attemptsById = new ConcurrentHashMap<>();
        Router router = Router.builder()
                .use(RetryMiddleware.create(POLICY))
                .route("reserve", topic, OrderPlaced.class, (message, context) -> {
                    String id = message.payload().getOrderId();
                    attemptsById.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(context.attempt());
                    if (id.startsWith("fail")) {
                        throw new WarehouseOfflineException("warehouse offline for " + id);
                    }
                    if (id.startsWith("invalid")) {
                        throw new NonRetryableException("order " + id + " has no lines");
                    }
                })
                .build();

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build())) {
            for (String id : List.of("ok-1", "fail-1", "ok-2", "invalid-1", "fail-2", "ok-3")) {
                fixture.publisher().publish(topic, Message.builder(order(id)).key(id).build()).join();
            }

            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.readAll(DeadLetterTopics.of(topic), 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.lag(fixture.groupOf(), topic) == 0);

            assertThat(deadLetters).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("fail-1", "fail-2", "invalid-1");
            assertThat(deadLetters).allSatisfy(r -> {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                boolean permanent = key.startsWith("invalid");
                assertThat(header(r, ImsgHeaders.DLT_ATTEMPTS)).isEqualTo(permanent ? "1" : "3");
                assertThat(header(r, ImsgHeaders.DLT_EXCEPTION_CLASS)).isEqualTo(permanent
                        ? NonRetryableException.class.getName() : WarehouseOfflineException.class.getName());
                assertThat(header(r, ImsgHeaders.DLT_ROUTE)).isEqualTo("reserve");
            });
        }
        assertThat(attemptsById).containsEntry("fail-1", List.of(1, 2, 3)).containsEntry("fail-2", List.of(1, 2, 3))
                .containsEntry("invalid-1", List.of(1))
                .containsEntry("ok-1", List.of(1)).containsEntry("ok-2", List.of(1)).containsEntry("ok-3", List.of(1));
    }

    private static OrderPlaced order(String id) {
        return OrderPlaced.newBuilder().setOrderId(id).setSku("sku").setQuantity(1).build();
    }

    private static InventoryReserved reservation(ConsumerRecord<byte[], byte[]> record) {
        EnvelopeCodec codec = AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(InventoryReserved.class),
                DecodingLimits.ofDefaults());
        return (InventoryReserved) codec.decode(record.value(), null).payload();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    /** The total end offset of a topic's partitions: how many records it ever received. */
    private static long endOffset(Fixture fixture, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = fixture.rawConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
