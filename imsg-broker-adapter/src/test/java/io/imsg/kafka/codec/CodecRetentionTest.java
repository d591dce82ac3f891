package io.imsg.kafka.codec;

import static io.imsg.kafka.codec.TestPayloads.ORIGIN;
import static io.imsg.kafka.codec.TestPayloads.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Message;
import io.imsg.api.failure.DecodingException;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Envelope;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * What a thread keeps after it encoded or decoded a large message. A consumer may run hundreds of
 * workers; each keeping its last large message would add up to hundreds of megabytes that no
 * message needs any more.
 */
class CodecRetentionTest {

    /** Larger than the buffers a thread keeps, well inside the default decoding limits. */
    private static final int LARGE = 4 * EncodingBuffer.RETAINED_BYTES;

    private final SchemaRegistry registry = TestPayloads.registry();
    private final AvroEnvelopeCodec codec = TestPayloads.codec(registry);

    @Test
    void aLargeEncodeLeavesTheThreadsBuffersSmall() {
        codec.encode(Message.builder(largeOrder()).source(SOURCE).build());

        assertThat(AvroEnvelopeCodec.encodeBufferBytesOfThisThread())
                .isLessThanOrEqualTo(2 * EncodingBuffer.RETAINED_BYTES);
    }

    @Test
    void aDecodedRecordValueIsNotKeptReachableByTheThread() throws InterruptedException {
        WeakReference<byte[]> value = decodeAndDrop(codec.encode(Message.builder(largeOrder()).source(SOURCE).build()));

        assertThat(collected(value)).as("the record value is collectable after decoding").isTrue();
    }

    @Test
    void anOlderEnvelopeThatFailsIsNotKeptReachableEither() throws InterruptedException {
        WeakReference<byte[]> value = failToDecodeAndDrop(olderEnvelopeOfAnUnknownType());

        assertThat(collected(value)).as("the record value is collectable after a failed decode").isTrue();
    }

    /** Decodes on this thread and returns a weak reference, the only one then left. */
    private WeakReference<byte[]> decodeAndDrop(byte[] value) {
        codec.decode(value, ORIGIN);
        return new WeakReference<>(value);
    }

    private WeakReference<byte[]> failToDecodeAndDrop(byte[] value) {
        assertThatThrownBy(() -> codec.decode(value, ORIGIN)).isInstanceOf(DecodingException.class)
                .hasMessageContaining("com.example.Unknown");
        return new WeakReference<>(value);
    }

    /** Read by Avro's resolving decoder, not the current-schema reader, and failing at the payload type. */
    private byte[] olderEnvelopeOfAnUnknownType() {
        Schema older = envelopeWithAnExtraField();
        registry.add(older);
        byte[] payload = TestPayloads.write(OrderPlaced.getClassSchema(), largeOrder());
        return RawEnvelope.of("com.example.Unknown", 1L, payload)
                .with("payload", out -> {
                    out.writeBytes(payload);
                    out.writeString("a field this service's envelope no longer has");
                })
                .envelopeFingerprint(SchemaRegistry.fingerprint(older)).toBytes();
    }

    private static boolean collected(WeakReference<byte[]> reference) throws InterruptedException {
        for (int attempt = 0; attempt < 20 && reference.get() != null; attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        return reference.get() == null;
    }

    private static OrderPlaced largeOrder() {
        return OrderPlaced.newBuilder(TestPayloads.order()).setSku("s".repeat(LARGE)).build();
    }

    /** The current envelope schema plus one trailing string field, as an older writer might have had. */
    private static Schema envelopeWithAnExtraField() {
        Schema current = Envelope.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field("retired", Schema.create(Schema.Type.STRING)));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }
}
