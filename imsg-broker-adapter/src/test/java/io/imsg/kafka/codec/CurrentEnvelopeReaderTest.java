package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.schema.Envelope;
import io.imsg.schema.Priority;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hand-written reader of the current envelope schema must read exactly what Avro reads. */
class CurrentEnvelopeReaderTest {

    private static final AvroBoundsScanner SCANNER =
            AvroBoundsScanner.of(Envelope.getClassSchema(), DecodingLimits.ofDefaults());

    /** Avro's own reader, the reference here, needs the envelope's classes on its allow-list, as the codec does. */
    @BeforeAll
    static void trustEnvelopeClasses() {
        TrustedAvroClasses.trust(Envelope.getClassSchema());
    }

    @Test
    void readsTheSchemaItWasWrittenFor() {
        // Pinned: a change to Envelope.avsc fails here first, and CurrentEnvelopeReader must follow it.
        List<String> fields = Envelope.getClassSchema().getFields().stream()
                .map(field -> field.name() + ":" + field.schema().toString())
                .toList();
        assertThat(fields).containsExactly(
                "id:{\"type\":\"string\",\"avro.java.string\":\"String\"}",
                "type:{\"type\":\"string\",\"avro.java.string\":\"String\"}",
                "payloadFingerprint:\"long\"",
                "sourceService:{\"type\":\"string\",\"avro.java.string\":\"String\"}",
                "sourceInstance:{\"type\":\"string\",\"avro.java.string\":\"String\"}",
                "target:[\"null\",{\"type\":\"string\",\"avro.java.string\":\"String\"}]",
                "key:[\"null\",{\"type\":\"string\",\"avro.java.string\":\"String\"}]",
                "correlationId:[\"null\",{\"type\":\"string\",\"avro.java.string\":\"String\"}]",
                "causationId:[\"null\",{\"type\":\"string\",\"avro.java.string\":\"String\"}]",
                "createdAt:{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}",
                "priority:" + Priority.getClassSchema(),
                "attributes:{\"type\":\"map\",\"values\":{\"type\":\"string\",\"avro.java.string\":\"String\"},"
                        + "\"avro.java.string\":\"String\"}",
                "payload:\"bytes\"");
        assertThat(CurrentEnvelopeReader.FINGERPRINT).isEqualTo(SchemaRegistry.fingerprint(Envelope.getClassSchema()));
    }

    @Test
    void agreesWithAvroOnRandomEnvelopes() throws IOException {
        Random random = new Random(20261202);
        for (int i = 0; i < 2_000; i++) {
            Envelope envelope = randomEnvelope(random);
            byte[] body = prefixed(encode(envelope, i % 2 == 0), 7);

            assertThat(readBoth(body, 7)).as("envelope %d", i).isEqualTo(envelope);
        }
    }

    @Test
    void readsMapsWrittenInBlocksWithByteSizes() throws IOException {
        // Avro's blocking encoder writes negative block counts followed by a byte size.
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            attributes.put("attribute-" + i, "value-" + "x".repeat(i));
        }
        Envelope envelope = Envelope.newBuilder(randomEnvelope(new Random(1))).setAttributes(attributes).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().blockingBinaryEncoder(out, null);
        new SpecificDatumWriter<>(Envelope.class).write(envelope, encoder);
        encoder.flush();

        assertThat(readBoth(out.toByteArray(), 0)).isEqualTo(envelope);
    }

    @Test
    void readsAnOverlongUnionIndexAsAvroDoes() throws IOException {
        // 80 80 80 80 10 is a 5-byte int varint whose only set bit lies past bit 32: Avro and the
        // scan read index 0 (null). Read as a long it would be non-zero, and the reader would go on
        // to read a string the scan never saw.
        Envelope envelope = new Envelope("i", "t", 0L, "s", "n", null, null, null, null, Instant.EPOCH,
                Priority.NORMAL, new HashMap<>(), ByteBuffer.wrap(new byte[] {1, 2, 3}));
        byte[] canonical = encode(envelope, false);
        int targetIndex = 9; // after 02 'i' 02 't' 00 02 's' 02 'n'
        assertThat(canonical[targetIndex]).isZero();
        ByteArrayOutputStream overlong = new ByteArrayOutputStream();
        overlong.write(canonical, 0, targetIndex);
        overlong.write(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10});
        overlong.write(canonical, targetIndex + 1, canonical.length - targetIndex - 1);

        assertThat(readBoth(overlong.toByteArray(), 0)).isEqualTo(envelope);
    }

    @Test
    void thePayloadIsAViewOfTheRecordNotACopy() throws IOException {
        Envelope envelope = randomEnvelope(new Random(2));
        byte[] body = encode(envelope, false);

        ByteBuffer payload = CurrentEnvelopeReader.read(body, 0).getPayload();

        assertThat(payload.hasArray()).isTrue();
        assertThat(payload.array()).isSameAs(body);
        assertThat(payload).isEqualTo(envelope.getPayload());
    }

    /** Scans like the codec does, reads with Avro and with the hand-written reader, and insists they agree. */
    private static Envelope readBoth(byte[] data, int offset) throws IOException {
        SCANNER.scan(data, offset, data.length - offset, TestPayloads.ORIGIN);
        Envelope byAvro = new SpecificDatumReader<>(Envelope.class)
                .read(null, DecoderFactory.get().binaryDecoder(data, offset, data.length - offset, null));
        Envelope byHand = CurrentEnvelopeReader.read(data, offset);
        assertThat(byHand).isEqualTo(byAvro);
        return byHand;
    }

    private static Envelope randomEnvelope(Random random) {
        Map<String, String> attributes = new HashMap<>();
        int attributeCount = random.nextInt(4);
        for (int i = 0; i < attributeCount; i++) {
            attributes.put(text(random), text(random));
        }
        byte[] payload = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(2_000)];
        random.nextBytes(payload);
        return new Envelope(text(random), text(random), random.nextLong(), text(random), text(random),
                maybe(random), maybe(random), maybe(random), maybe(random),
                Instant.ofEpochMilli(random.nextLong() >> random.nextInt(64)),
                Priority.values()[random.nextInt(Priority.values().length)], attributes, ByteBuffer.wrap(payload));
    }

    private static String maybe(Random random) {
        return random.nextBoolean() ? null : text(random);
    }

    /** ASCII, accented letters, CJK and a surrogate pair: every UTF-8 length. */
    private static String text(Random random) {
        String alphabet = "abcXYZ019-_.é ß漢字\uD83D\uDE00";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        while (text.length() < length) {
            int at = random.nextInt(alphabet.length());
            if (Character.isHighSurrogate(alphabet.charAt(at))) {
                text.append(alphabet, at, at + 2);
            } else if (!Character.isLowSurrogate(alphabet.charAt(at))) {
                text.append(alphabet.charAt(at));
            }
        }
        return text.toString();
    }

    private static byte[] encode(Envelope envelope, boolean buffered) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = buffered ? EncoderFactory.get().binaryEncoder(out, null)
                : EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<>(Envelope.class).write(envelope, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] prefixed(byte[] body, int prefix) {
        byte[] data = new byte[prefix + body.length];
        System.arraycopy(body, 0, data, prefix, body.length);
        return data;
    }
}
