package io.imsg.kafka.codec;

import static io.imsg.kafka.codec.TestPayloads.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.imsg.api.failure.DecodingException;
import io.imsg.api.failure.MessageTooLargeException;
import io.imsg.api.failure.UnknownSchemaException;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Presence;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad record value gives its typed exception, and decoding it allocates little. */
class HostileRecordValueTest {

    /** Far below any length a bomb claims (2 GB), far above what decoding a small record needs. */
    private static final long ALLOCATION_BOUND = 1024 * 1024;

    private final SchemaRegistry registry = TestPayloads.registry();
    private final AvroEnvelopeCodec codec = TestPayloads.codec(registry);
    private final byte[] valid = codec.encode(TestPayloads.message());

    @BeforeEach
    void warmUp() {
        // The first decode builds resolvers and caches; measure allocation after that.
        codec.decode(valid, ORIGIN);
    }

    @Test
    void aNullValueIsADecodingFailure() {
        assertThatThrownBy(() -> codec.decode(null, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class).hasMessageContaining("null");
    }

    @Test
    void anEmptyValueIsADecodingFailure() {
        assertThatThrownBy(() -> codec.decode(new byte[0], ORIGIN))
                .isExactlyInstanceOf(DecodingException.class).hasMessageContaining("shorter than the 10-byte");
    }

    @Test
    void aValueHoldingOnlyTheMarkerIsADecodingFailure() {
        assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xC3, 0x01}, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class).hasMessageContaining("shorter than the 10-byte");
    }

    @Test
    void aWrongMarkerIsADecodingFailure() {
        byte[] value = valid.clone();
        value[1] = 0x02;

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class).hasMessageContaining("C3 02, not the Avro");
    }

    @Test
    void everyTruncationOfAValidValueIsADecodingFailure() {
        for (int length = 0; length < valid.length; length++) {
            byte[] prefix = Arrays.copyOf(valid, length);

            Throwable failure = catchThrowable(() -> codec.decode(prefix, ORIGIN));

            assertThat(failure).as("prefix of %d bytes", length).isInstanceOf(DecodingException.class);
        }
    }

    @Test
    void everySingleBitFlipDecodesOrFailsWithADecodingExceptionWithinBoundedAllocation() {
        for (int bit = 0; bit < valid.length * 8; bit++) {
            byte[] flipped = valid.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));

            long before = allocatedBytes();
            Throwable failure = catchThrowable(() -> codec.decode(flipped, ORIGIN));
            long allocated = allocatedBytes() - before;

            assertThat(failure).as("bit %d", bit).satisfiesAnyOf(
                    f -> assertThat(f).isNull(),
                    f -> assertThat(f).isInstanceOf(DecodingException.class));
            assertThat(allocated).as("bytes allocated decoding with bit %d flipped", bit).isLessThan(ALLOCATION_BOUND);
        }
    }

    @Test
    void anUnknownEnvelopeFingerprintIsAnUnknownSchema() {
        byte[] value = RawEnvelope.ofOrder().envelopeFingerprint(0x1234_5678_9abc_def0L).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("envelope schema fingerprint 123456789abcdef0");
    }

    @Test
    void anEnvelopeFingerprintOfAnotherSchemaIsADecodingFailure() {
        byte[] value = RawEnvelope.ofOrder()
                .envelopeFingerprint(SchemaRegistry.fingerprint(OrderPlaced.getClassSchema())).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("not io.imsg.schema.Envelope");
    }

    @Test
    void anUnknownPayloadFingerprintIsAnUnknownSchema() {
        byte[] value = RawEnvelope.ofOrder().with("payloadFingerprint", out -> out.writeLong(42L)).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("payload schema fingerprint 000000000000002a");
    }

    @Test
    void aValueOverMaxMessageBytesIsRefusedBeforeParsing() {
        AvroEnvelopeCodec small = AvroEnvelopeCodec.create(registry, TestPayloads.PAYLOAD_TYPES,
                DecodingLimits.ofDefaults().withMaxMessageBytes(64));
        byte[] garbage = new byte[65];

        assertThatThrownBy(() -> small.decode(garbage, ORIGIN))
                .isExactlyInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining("65 bytes, over the limit of 64");
    }

    @Test
    void aStringLengthClaimingTwoGigabytesIsRefusedWithoutAllocatingIt() {
        byte[] value = RawEnvelope.ofOrder().with("id", out -> out.writeLong(2_000_000_000L)).toBytes();

        long before = allocatedBytes();
        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("length 2000000000 over maxStringBytes");
        assertThat(allocatedBytes() - before).isLessThan(ALLOCATION_BOUND);
    }

    @Test
    void aStringLengthBombInsideThePayloadIsRefused() {
        byte[] payload = RawEnvelope.bytes(out -> out.writeLong(Integer.MAX_VALUE));
        byte[] value = RawEnvelope.of("io.imsg.examples.orders.OrderPlaced",
                SchemaRegistry.fingerprint(OrderPlaced.getClassSchema()), payload).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("OrderPlaced")
                .hasMessageContaining("over maxStringBytes");
    }

    @Test
    void aLengthWithinTheLimitButBeyondTheRemainingBytesIsRefused() {
        byte[] value = RawEnvelope.ofOrder().with("payload", out -> out.writeLong(1000)).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("needs 1000 bytes but only 0 remain");
    }

    @Test
    void aNegativeLengthIsRefused() {
        byte[] value = RawEnvelope.ofOrder().with("sourceService", out -> out.writeLong(-5)).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("negative length -5");
    }

    @Test
    void aMapBlockCountBombIsRefused() {
        byte[] value = RawEnvelope.ofOrder().with("attributes", out -> out.writeLong(1_000_000_000L)).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("block of 1000000000 items");
    }

    @Test
    void aNegativeMapBlockCountBombIsRefused() {
        byte[] value = RawEnvelope.ofOrder().with("attributes", out -> {
            out.writeLong(-1_000_000_000L);
            out.writeLong(10);
        }).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("block of 1000000000 items");
    }

    @Test
    void theMostNegativeBlockCountIsRefused() {
        byte[] value = RawEnvelope.ofOrder().with("attributes", out -> out.writeLong(Long.MIN_VALUE)).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("block of 9223372036854775808 items");
    }

    @Test
    void anArrayBlockCountBombInThePayloadIsRefused() {
        byte[] payload = RawEnvelope.bytes(out -> out.writeString("svc"), out -> out.writeString("inst"),
                out -> out.writeEnum(0), out -> out.writeLong(Integer.MAX_VALUE));
        byte[] value = RawEnvelope.of("io.imsg.schema.Presence",
                SchemaRegistry.fingerprint(Presence.getClassSchema()), payload).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("io.imsg.schema.Presence")
                .hasMessageContaining("items");
    }

    @Test
    void anArrayOfABillionNullsIsRefusedThoughEachTakesNoBytes() {
        registry.add(TestPayloads.ORDER_PLACED_WITH_NULLS);
        byte[] payload = RawEnvelope.bytes(out -> out.writeString("o"), out -> out.writeString("s"),
                out -> out.writeInt(1), out -> out.writeBoolean(false), out -> out.writeLong(1_000_000_000L),
                out -> out.writeLong(0));
        byte[] value = RawEnvelope.of("io.imsg.examples.orders.OrderPlaced",
                SchemaRegistry.fingerprint(TestPayloads.ORDER_PLACED_WITH_NULLS), payload).toBytes();

        long before = allocatedBytes();
        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("maxCollectionItems 100000");
        assertThat(allocatedBytes() - before).isLessThan(ALLOCATION_BOUND);
    }

    @Test
    void anArrayOfNullsWithinTheItemBudgetStillDecodes() {
        registry.add(TestPayloads.ORDER_PLACED_WITH_NULLS);
        byte[] payload = RawEnvelope.bytes(out -> out.writeString("o"), out -> out.writeString("s"),
                out -> out.writeInt(1), out -> out.writeBoolean(false), out -> out.writeLong(3),
                out -> out.writeLong(0));
        byte[] value = RawEnvelope.of("io.imsg.examples.orders.OrderPlaced",
                SchemaRegistry.fingerprint(TestPayloads.ORDER_PLACED_WITH_NULLS), payload).toBytes();

        assertThat(codec.decode(value, ORIGIN).payload()).isInstanceOf(OrderPlaced.class);
    }

    @Test
    void anOutOfRangeUnionIndexIsRefused() {
        byte[] value = RawEnvelope.ofOrder().with("target", out -> out.writeIndex(7)).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("union index")
                .hasMessageContaining("7 outside 0..1");
    }

    @Test
    void anOutOfRangeEnumOrdinalIsRefused() {
        byte[] value = RawEnvelope.ofOrder().with("priority", out -> out.writeEnum(3)).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("io.imsg.schema.Priority enum ordinal")
                .hasMessageContaining("3 outside 0..2");
    }

    @Test
    void trailingBytesAfterTheEnvelopeAreRefused() {
        byte[] value = Arrays.copyOf(valid, valid.length + 3);

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("3 trailing bytes");
    }

    @Test
    void trailingBytesAfterThePayloadAreRefused() {
        byte[] payload = Arrays.copyOf(TestPayloads.orderBytes(), TestPayloads.orderBytes().length + 1);
        byte[] value = RawEnvelope.of("io.imsg.examples.orders.OrderPlaced",
                SchemaRegistry.fingerprint(OrderPlaced.getClassSchema()), payload).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("1 trailing bytes");
    }

    @Test
    void aVarintLongerThanTenBytesIsRefused() {
        byte[] value = RawEnvelope.ofOrder().with("createdAt", out -> {
            byte[] endless = new byte[11];
            Arrays.fill(endless, (byte) 0x80);
            out.writeFixed(endless);
        }).toBytes();

        assertThatThrownBy(() -> codec.decode(value, ORIGIN))
                .isExactlyInstanceOf(DecodingException.class)
                .hasMessageContaining("longer than 10 bytes");
    }

    @Test
    void hostileTextInAnErrorMessageIsQuotedAndCut() {
        String type = "evil\n".repeat(1000);
        byte[] value = RawEnvelope.ofOrder().with("type", out -> out.writeString(type)).toBytes();

        Throwable failure = catchThrowable(() -> codec.decode(value, ORIGIN));

        assertThat(failure).isExactlyInstanceOf(DecodingException.class);
        assertThat(failure.getMessage()).doesNotContain("\n".repeat(2)).contains("\\u000a").hasSizeLessThan(2000);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
