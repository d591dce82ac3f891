package io.imsg.kafka.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.Message;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.schema.Priority;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaPublisherMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final KafkaPublisher publisher = KafkaPublisher.create(
            KafkaSettings.builder().bootstrapServers("127.0.0.1:9").service("orders-service").build(),
            PublisherSettings.ofDefaults(),
            AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(OrderPlaced.class), DecodingLimits.ofDefaults()),
            producer, registry);

    @Test
    void acknowledgedMessagesAreCountedPerTopicTypeAndPriority() {
        publish("orders", Priority.NORMAL);
        publish("orders", Priority.NORMAL);
        publish("orders", Priority.HIGH);
        publish("returns", Priority.NORMAL);

        assertThat(count("orders", "NORMAL")).isEqualTo(2);
        assertThat(count("orders", "HIGH")).isEqualTo(1);
        assertThat(count("returns", "NORMAL")).isEqualTo(1);
        assertThat(registry.get("imsg.messages.published").counters()).hasSize(3);
    }

    @Test
    void theCopyingProducersOwnMetricsAreBoundWhenItIsMadeAndRemovedOnClose() {
        // Real producers, no broker: a short max.block.ms fails the copy's send quickly, after the producer exists.
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        KafkaPublisher real = KafkaPublisher.create(KafkaSettings.builder().bootstrapServers("127.0.0.1:9")
                        .service("orders-service").clientProperty("max.block.ms", "100").build(),
                PublisherSettings.ofDefaults().withPriorityLanes(false),
                AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(OrderPlaced.class), DecodingLimits.ofDefaults()),
                own);
        assertThat(clientIds(own)).noneMatch(id -> id.endsWith("-copies"));

        real.sender().sendCopy(new ProducerRecord<>("orders.dlt", new byte[2_000_000])).exceptionally(e -> null).join();

        assertThat(clientIds(own)).anyMatch(id -> id.endsWith("-producer-copies"));
        real.close();
        assertThat(clientIds(own)).noneMatch(id -> id.endsWith("-copies"));
    }

    private static Set<String> clientIds(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().map(meter -> meter.getId().getTag("client.id"))
                .filter(Objects::nonNull).collect(Collectors.toSet());
    }

    @Test
    void aSendTheBrokerRejectsIsNotCounted() {
        MockProducer<byte[], byte[]> failing =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaPublisher rejecting = KafkaPublisher.create(
                KafkaSettings.builder().bootstrapServers("127.0.0.1:9").service("orders-service").build(),
                PublisherSettings.ofDefaults(),
                AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(OrderPlaced.class), DecodingLimits.ofDefaults()),
                failing, registry);

        var result = rejecting.publish("orders", Message.of(order()));
        failing.errorNext(new org.apache.kafka.common.errors.TimeoutException("simulated"));

        assertThat(result).isCompletedExceptionally();
        // The counter is looked up when the message is sent, so it may exist; it must not count.
        assertThat(registry.find("imsg.messages.published").counters())
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
        rejecting.close();
    }

    @Test
    void aCounterThatCannotBeLookedUpFailsTheFutureAndSendsNothing() {
        // The counter is resolved before the send; a failure there must not escape send() as a throw.
        var broken = new KafkaPublisher.Prepared(
                new org.apache.kafka.clients.producer.ProducerRecord<>("orders", new byte[1]), null);

        var result = publisher.send(broken);

        assertThat(result).isCompletedExceptionally();
        assertThat(producer.history()).isEmpty();
    }

    private void publish(String topic, Priority priority) {
        publisher.publish(topic, Message.builder(order()).priority(priority).build()).join();
    }

    private static OrderPlaced order() {
        return OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku-1").setQuantity(1).build();
    }

    private double count(String topic, String priority) {
        return registry.get("imsg.messages.published").tag("topic", topic).tag("priority", priority).counter().count();
    }
}
