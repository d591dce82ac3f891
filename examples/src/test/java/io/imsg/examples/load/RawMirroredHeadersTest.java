package io.imsg.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.Message;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.publish.PublisherSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The raw baseline's headers must match what iMSG's publisher mirrors, in keys and sizes. */
class RawMirroredHeadersTest {

    @Test
    void matchIMsgsMirroredHeadersInKeysAndSizes() {
        List<Header> raw = new RawMirroredHeaders().next();
        List<Header> imsg = imsgHeaders();

        assertThat(raw).extracting(Header::key).containsExactlyElementsOf(imsg.stream().map(Header::key).toList());
        for (int i = 0; i < raw.size(); i++) {
            assertThat(raw.get(i).value().length).as(raw.get(i).key())
                    .isBetween(imsg.get(i).value().length - 12, imsg.get(i).value().length + 12);
        }
    }

    @Test
    void everyRecordGetsItsOwnId() {
        RawMirroredHeaders headers = new RawMirroredHeaders();

        assertThat(new String(headers.next().get(0).value())).isNotEqualTo(new String(headers.next().get(0).value()))
                .hasSize(36);
    }

    /** The headers iMSG's publisher writes for a load message, with the load test's service name. */
    private static List<Header> imsgHeaders() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        try (KafkaPublisher publisher = KafkaPublisher.create(
                KafkaSettings.builder().bootstrapServers("127.0.0.1:9").service("imsg-load").build(),
                PublisherSettings.ofDefaults(),
                AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(LoadMessage.class), DecodingLimits.ofDefaults()),
                producer, new SimpleMeterRegistry())) {
            var prepared = publisher.prepare("load", Message.of(new LoadMessage(1L, 2L, ByteBuffer.wrap(new byte[496]))));
            return StreamSupport.stream(prepared.record().headers().spliterator(), false).toList();
        }
    }
}
