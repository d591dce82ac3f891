package io.imsg.kafka.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.Source;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaPublisherPrepareTest {

    private static final RecordOrigin ORIGIN = new RecordOrigin("orders", 0, 0, Instant.EPOCH);

    private final AvroEnvelopeCodec codec =
            AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(OrderPlaced.class), DecodingLimits.ofDefaults());
    private final KafkaPublisher publisher = KafkaPublisher.create(
            KafkaSettings.builder().bootstrapServers("127.0.0.1:9").service("orders-service").instance("orders-1")
                    .build(),
            PublisherSettings.ofDefaults(), codec,
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
            new SimpleMeterRegistry());

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void aMessageWithoutASourceIsSentAndReturnedWithThePublishersIdentity() {
        Message<OrderPlaced> message = Message.builder(order()).key("sku-1").attribute("tenant", "acme").build();
        Source identity = new Source("orders-service", "orders-1");

        KafkaPublisher.Prepared prepared = publisher.prepare("orders", message);

        assertThat(prepared.message().source()).contains(identity);
        assertThat(prepared.message()).usingRecursiveComparison()
                .isEqualTo(message.toBuilder().source(identity).build());
        assertThat(sourceHeader(prepared.record())).isEqualTo("orders-service/orders-1");
        assertThat(codec.decode(prepared.record().value(), ORIGIN).source()).contains(identity);
    }

    @Test
    void aMessageThatNamesItsSourceKeepsIt() {
        Source relayed = new Source("billing-service", "billing-7");
        Message<OrderPlaced> message = Message.builder(order()).source(relayed).build();

        KafkaPublisher.Prepared prepared = publisher.prepare("orders", message);

        assertThat(prepared.message()).isSameAs(message);
        assertThat(sourceHeader(prepared.record())).isEqualTo("billing-service/billing-7");
        assertThat(codec.decode(prepared.record().value(), ORIGIN).source()).contains(relayed);
    }

    private static String sourceHeader(ProducerRecord<byte[], byte[]> record) {
        return new String(record.headers().lastHeader(ImsgHeaders.SOURCE).value(), StandardCharsets.UTF_8);
    }

    private static OrderPlaced order() {
        return OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku-1").setQuantity(1).build();
    }
}
