package io.imsg.kafka.codec;

import static io.imsg.kafka.codec.TestPayloads.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.failure.DecodingException;
import io.imsg.schema.Envelope;
import java.io.IOException;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.RandomData;
import org.junit.jupiter.api.Test;

class AvroBoundsScannerTest {

    /** Every Avro type, zero-byte items (null, empty record, fixed(0)) and recursion. */
    static final Schema EVERYTHING = new Schema.Parser().parse("""
            {"type": "record", "name": "Everything", "namespace": "test", "fields": [
              {"name": "n", "type": "null"},
              {"name": "b", "type": "boolean"},
              {"name": "i", "type": "int"},
              {"name": "l", "type": "long"},
              {"name": "f", "type": "float"},
              {"name": "d", "type": "double"},
              {"name": "by", "type": "bytes"},
              {"name": "s", "type": "string"},
              {"name": "fx", "type": {"type": "fixed", "name": "Four", "size": 4}},
              {"name": "none", "type": {"type": "fixed", "name": "Zero", "size": 0}},
              {"name": "e", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "GREEN", "BLUE"]}},
              {"name": "ints", "type": {"type": "array", "items": "int"}},
              {"name": "nulls", "type": {"type": "array", "items": "null"}},
              {"name": "empties", "type": {"type": "array", "items": {"type": "record", "name": "Empty", "fields": []}}},
              {"name": "strings", "type": {"type": "map", "values": "string"}},
              {"name": "nested", "type": {"type": "map", "values": {"type": "array", "items": "long"}}},
              {"name": "choice", "type": ["null", "int", "string", "Four"]},
              {"name": "next", "type": ["null", "Everything"]}
            ]}""");

    static final Schema NULLS = new Schema.Parser().parse("{\"type\": \"array\", \"items\": \"null\"}");
    static final Schema LONGS = new Schema.Parser().parse("{\"type\": \"array\", \"items\": \"long\"}");
    static final Schema LIST = new Schema.Parser().parse("""
            {"type": "record", "name": "Node", "fields": [{"name": "next", "type": ["null", "Node"]}]}""");

    private final DecodingLimits limits = DecodingLimits.ofDefaults();

    @Test
    void everythingTheRealEncoderProducesIsAccepted() {
        AvroBoundsScanner scanner = AvroBoundsScanner.of(EVERYTHING, limits);
        for (Object datum : new RandomData(GenericData.get(), EVERYTHING, 2_000, 20240601L)) {
            byte[] bytes = TestPayloads.write(EVERYTHING, datum);

            assertThatCode(() -> scanner.scan(bytes, 0, bytes.length, ORIGIN)).doesNotThrowAnyException();
        }
    }

    @Test
    void randomEnvelopesFromTheRealEncoderAreAccepted() {
        Schema schema = Envelope.getClassSchema();
        AvroBoundsScanner scanner = AvroBoundsScanner.of(schema, limits);
        for (Object datum : new RandomData(GenericData.get(), schema, 500, 7L)) {
            byte[] bytes = TestPayloads.write(schema, datum);

            assertThatCode(() -> scanner.scan(bytes, 0, bytes.length, ORIGIN)).doesNotThrowAnyException();
        }
    }

    @Test
    void whateverTheScanAcceptsAvroDecodesToTheLastByte() throws IOException {
        AvroBoundsScanner scanner = AvroBoundsScanner.of(EVERYTHING, limits);
        GenericDatumReader<Object> reader = new GenericDatumReader<>(EVERYTHING);
        Random random = new Random(99);
        int accepted = 0;
        for (Object datum : new RandomData(GenericData.get(), EVERYTHING, 300, 5L)) {
            byte[] original = TestPayloads.write(EVERYTHING, datum);
            for (int mutation = 0; mutation < 30; mutation++) {
                byte[] bytes = mutate(original, random);
                if (scans(scanner, bytes)) {
                    accepted++;
                    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
                    reader.read(null, decoder);
                    assertThat(decoder.isEnd()).as("the scan and Avro agree where the value ends").isTrue();
                }
            }
        }
        assertThat(accepted).as("some mutations stay valid, so the property was exercised").isPositive();
    }

    @Test
    void aRecursiveSchemaIsScannedDownToMaxDepth() {
        byte[] threeDeep = RawEnvelope.bytes(out -> out.writeIndex(1), out -> out.writeIndex(1),
                out -> out.writeIndex(0));

        assertThatCode(() -> AvroBoundsScanner.of(LIST, limits.withMaxDepth(3)).scan(threeDeep, 0, 3, ORIGIN))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> AvroBoundsScanner.of(LIST, limits.withMaxDepth(2)).scan(threeDeep, 0, 3, ORIGIN))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("nesting deeper than maxDepth 2");
    }

    @Test
    void deeplyNestedHostileInputStopsAtMaxDepthWithoutOverflowingTheStack() {
        byte[] deep = new byte[100_000];
        java.util.Arrays.fill(deep, (byte) 2); // union index 1, over and over: next, next, next...

        assertThatThrownBy(() -> AvroBoundsScanner.of(LIST, limits).scan(deep, 0, deep.length, ORIGIN))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("maxDepth 64");
    }

    @Test
    void zeroByteItemsAreBoundedByTheItemBudget() {
        byte[] many = RawEnvelope.bytes(out -> out.writeLong(1_000_000_000L), out -> out.writeLong(0));

        assertThatThrownBy(() -> AvroBoundsScanner.of(NULLS, limits).scan(many, 0, many.length, ORIGIN))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("block of 1000000000 items");
    }

    @Test
    void theItemBudgetCountsEveryBlockOfTheBody() {
        byte[] twoBlocks = RawEnvelope.bytes(out -> out.writeLong(6), out -> out.writeLong(6),
                out -> out.writeLong(0));
        AvroBoundsScanner scanner = AvroBoundsScanner.of(NULLS, limits.withMaxCollectionItems(10));

        assertThatThrownBy(() -> scanner.scan(twoBlocks, 0, twoBlocks.length, ORIGIN))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("the body may hold 4 more");
    }

    @Test
    void aBlockByteSizeThatDisagreesWithItsItemsIsRefused() {
        byte[] lying = RawEnvelope.bytes(out -> out.writeLong(-2), out -> out.writeLong(1),
                out -> out.writeLong(5), out -> out.writeLong(6), out -> out.writeLong(0));

        assertThatThrownBy(() -> AvroBoundsScanner.of(LONGS, limits).scan(lying, 0, lying.length, ORIGIN))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("block byte size 1 but its items take 2");
    }

    @Test
    void aNegativeBlockCountWithAnHonestByteSizeIsAccepted() {
        byte[] honest = RawEnvelope.bytes(out -> out.writeLong(-2), out -> out.writeLong(2),
                out -> out.writeLong(5), out -> out.writeLong(6), out -> out.writeLong(0));

        assertThatCode(() -> AvroBoundsScanner.of(LONGS, limits).scan(honest, 0, honest.length, ORIGIN))
                .doesNotThrowAnyException();
    }

    @Test
    void aNegativeBlockByteSizeIsRefused() {
        byte[] negative = RawEnvelope.bytes(out -> out.writeLong(-1), out -> out.writeLong(-9),
                out -> out.writeLong(5), out -> out.writeLong(0));

        assertThatThrownBy(() -> AvroBoundsScanner.of(LONGS, limits).scan(negative, 0, negative.length, ORIGIN))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("block byte size -9");
    }

    @Test
    void aTruncatedBlockNamesWhatWasCutShort() {
        byte[] noCount = {};
        byte[] noByteSize = RawEnvelope.bytes(out -> out.writeLong(-1));
        AvroBoundsScanner scanner = AvroBoundsScanner.of(LONGS, limits);

        assertThatThrownBy(() -> scanner.scan(noCount, 0, 0, ORIGIN))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("(array block count): truncated");
        assertThatThrownBy(() -> scanner.scan(noByteSize, 0, noByteSize.length, ORIGIN))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("(array block byte size): truncated");
    }

    @Test
    void aBooleanOtherThanZeroOrOneIsRefused() {
        Schema bool = Schema.create(Schema.Type.BOOLEAN);

        assertThatThrownBy(() -> AvroBoundsScanner.of(bool, limits).scan(new byte[] {2}, 0, 1, ORIGIN))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("neither 0 nor 1");
    }

    @Test
    void anIntVarintLongerThanFiveBytesIsRefused() {
        Schema integer = Schema.create(Schema.Type.INT);
        byte[] six = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};

        assertThatThrownBy(() -> AvroBoundsScanner.of(integer, limits).scan(six, 0, six.length, ORIGIN))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("longer than 5 bytes");
    }

    @Test
    void aStringOverItsOwnLimitIsRefusedEvenWhenTheBytesAreThere() {
        Schema string = Schema.create(Schema.Type.STRING);
        byte[] bytes = RawEnvelope.bytes(out -> out.writeString("twelve bytes"));

        assertThatThrownBy(() -> AvroBoundsScanner.of(string, limits.withMaxStringBytes(11))
                .scan(bytes, 0, bytes.length, ORIGIN))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("length 12 over maxStringBytes 11");
    }

    @Test
    void aSliceOfALargerArrayIsScannedOnItsOwn() {
        byte[] bytes = RawEnvelope.bytes(out -> out.writeInt(1), out -> out.writeInt(2), out -> out.writeInt(3));
        Schema integer = Schema.create(Schema.Type.INT);

        assertThatCode(() -> AvroBoundsScanner.of(integer, limits).scan(bytes, 1, 1, ORIGIN))
                .doesNotThrowAnyException();
    }

    @Test
    void aRecordWithNoFiniteValueStillCompiles() {
        Schema endless = new Schema.Parser().parse("""
                {"type": "record", "name": "Endless", "fields": [
                  {"name": "i", "type": "int"}, {"name": "again", "type": "Endless"}]}""");
        byte[] bytes = new byte[1000];

        assertThatThrownBy(() -> AvroBoundsScanner.of(endless, limits).scan(bytes, 0, bytes.length, ORIGIN))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("maxDepth");
    }

    private static boolean scans(AvroBoundsScanner scanner, byte[] bytes) {
        try {
            scanner.scan(bytes, 0, bytes.length, ORIGIN);
            return true;
        } catch (DecodingException e) {
            return false;
        }
    }

    /** A random bit flip, byte overwrite, truncation or insertion. */
    private static byte[] mutate(byte[] original, Random random) {
        if (original.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        byte[] bytes = original.clone();
        int at = random.nextInt(bytes.length);
        return switch (random.nextInt(4)) {
            case 0 -> {
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                yield bytes;
            }
            case 1 -> {
                bytes[at] = (byte) random.nextInt(256);
                yield bytes;
            }
            case 2 -> java.util.Arrays.copyOf(bytes, at);
            default -> {
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                yield longer;
            }
        };
    }
}
