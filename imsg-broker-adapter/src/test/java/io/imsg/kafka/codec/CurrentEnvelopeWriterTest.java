package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Envelope;
import io.imsg.schema.Priority;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The codec's header and the hand-written body writer must write exactly the bytes Avro writes. */
class CurrentEnvelopeWriterTest {

    private static final String[] TEXTS = {"", "a", "orders-service", "key-42", "ünïcödé", "日本語のキー",
            "emoji 🚀", "x".repeat(200), "é".repeat(70), "\u007F", "\u0080", "lone \uD800 surrogate"};

    @Test
    void writesTheSameBytesAsAvroForRandomMessages() throws IOException {
        Random random = new Random(20261203);
        for (int i = 0; i < 2_000; i++) {
            Message<OrderPlaced> message = randomMessage(random);
            PayloadWriters.Encoded payload = randomPayload(random);

            assertThat(written(message, payload)).as("message %d", i).isEqualTo(avro(message, payload));
        }
    }

    @Test
    void aPayloadBufferIsWrittenFromItsPositionAndLeftUnmoved() throws IOException {
        Message<OrderPlaced> message = Message.builder(order()).source(new Source("svc", "svc-1")).build();
        byte[] backing = {9, 9, 9, 1, 2, 3, 9};
        ByteBuffer body = ByteBuffer.wrap(backing, 2, 4).slice(); // an array offset of 2
        body.position(1); // and a position of 1: the body is {1, 2, 3}
        PayloadWriters.Encoded payload = new PayloadWriters.Encoded("t", 5, body);

        assertThat(written(message, payload)).isEqualTo(avro(message, payload));
        assertThat(body.position()).isEqualTo(1);
        assertThat(body.remaining()).isEqualTo(3);
    }

    @Test
    void aDirectPayloadBufferIsWrittenToo() throws IOException {
        Message<OrderPlaced> message = Message.builder(order()).source(new Source("svc", "svc-1")).build();
        ByteBuffer body = ByteBuffer.allocateDirect(5).put(new byte[] {1, 2, 3, 4, 5}).flip();
        PayloadWriters.Encoded payload = new PayloadWriters.Encoded("t", 5, body);

        assertThat(written(message, payload)).isEqualTo(avro(message, payload)).endsWith(1, 2, 3, 4, 5);
        assertThat(body.remaining()).isEqualTo(5);
    }

    @Test
    void aMessageWithoutASourceIsRefusedAsBefore() {
        Message<OrderPlaced> message = Message.of(order());
        PayloadWriters.Encoded payload = new PayloadWriters.Encoded("t", 5, ByteBuffer.allocate(0));

        assertThatThrownBy(() -> written(message, payload)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no source");
    }

    private static byte[] written(Message<OrderPlaced> message, PayloadWriters.Encoded payload) {
        EncodingBuffer out = new EncodingBuffer(16); // small, so the buffer's growth is exercised too
        out.write(AvroEnvelopeCodec.CURRENT_HEADER, 0, AvroEnvelopeCodec.HEADER_LENGTH); // as encode() does
        CurrentEnvelopeWriter.write(message, payload, out);
        return out.toByteArray();
    }

    private static byte[] avro(Message<OrderPlaced> message, PayloadWriters.Encoded payload) throws IOException {
        Envelope envelope = EnvelopeMapping.toEnvelope(message, payload);
        ByteBuffer encoded = Envelope.getEncoder().encode(envelope);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private static Message<OrderPlaced> randomMessage(Random random) {
        Message.Builder<OrderPlaced> builder = Message.builder(order())
                .id(nonEmpty(random))
                .source(new Source(nonEmpty(random), nonEmpty(random)))
                // Instant.now() has sub-millisecond digits; the envelope keeps whole milliseconds
                .createdAt(Instant.ofEpochSecond(random.nextLong(-1L << 30, 1L << 32), random.nextInt(1_000_000_000)))
                .priority(Priority.values()[random.nextInt(Priority.values().length)]);
        if (random.nextBoolean()) {
            builder.target(nonEmpty(random));
        }
        if (random.nextBoolean()) {
            builder.key(text(random));
        }
        if (random.nextBoolean()) {
            builder.correlationId(nonEmpty(random));
        }
        if (random.nextBoolean()) {
            builder.causationId(nonEmpty(random));
        }
        int attributes = random.nextInt(4) == 0 ? random.nextInt(1, 6) : 0;
        for (int a = 0; a < attributes; a++) {
            builder.attribute("attr-" + a + text(random), text(random));
        }
        return builder.build();
    }

    private static PayloadWriters.Encoded randomPayload(Random random) {
        byte[] body = new byte[random.nextInt(0, 700)];
        random.nextBytes(body);
        return new PayloadWriters.Encoded(nonEmpty(random), random.nextLong(), ByteBuffer.wrap(body));
    }

    private static String text(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    private static String nonEmpty(Random random) {
        return text(random) + random.nextInt(1_000_000);
    }

    private static OrderPlaced order() {
        return OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku-1").setQuantity(1).build();
    }
}
