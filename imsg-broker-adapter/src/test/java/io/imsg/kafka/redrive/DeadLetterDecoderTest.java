package io.imsg.kafka.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.Message;
import io.imsg.api.Source;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.lanes.PriorityLanes;
import io.imsg.kafka.security.RecordProtection;
import io.imsg.kafka.security.crypto.KeyProvider;
import io.imsg.schema.Priority;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.Test;

/** Dead letters decoded for reading: the envelope always when valid, the payload when its schema is known. */
class DeadLetterDecoderTest {

    private static final OrderPlaced ORDER = OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku-9")
            .setQuantity(3).build();
    private static final byte[] VALUE = AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(OrderPlaced.class),
            DecodingLimits.ofDefaults()).encode(Message.builder(ORDER).key("sku-9").priority(Priority.HIGH)
            .source(new Source("orders", "orders-1")).build());

    @Test
    void aPayloadWhoseSchemaIsKnownDecodesGenericallyWithoutItsClass() {
        DeadLetterDecoder decoder = DeadLetterDecoder.create(SchemaRegistry.create().register(OrderPlaced.class),
                DecodingLimits.ofDefaults());

        DecodedDeadLetter decoded = decoder.decode(Letters.failed(1).value(VALUE).letter());

        assertThat(decoded.problem()).isEmpty();
        assertThat(decoded.envelope()).get().satisfies(envelope -> {
            assertThat(envelope.getType()).isEqualTo(OrderPlaced.class.getName());
            assertThat(envelope.getKey()).isEqualTo("sku-9");
            assertThat(envelope.getPriority()).isEqualTo(Priority.HIGH);
        });
        assertThat(decoded.payload()).get().satisfies(payload -> {
            assertThat(payload.get("orderId")).hasToString("o-1");
            assertThat(payload.get("quantity")).isEqualTo(3);
        });
    }

    @Test
    void aPayloadWhoseSchemaNobodyPublishedLeavesTheEnvelopeReadable() {
        DeadLetterDecoder decoder = DeadLetterDecoder.create(SchemaRegistry.create(), DecodingLimits.ofDefaults());

        DecodedDeadLetter decoded = decoder.decode(Letters.failed(1).value(VALUE).letter());

        assertThat(decoded.envelope()).isPresent();
        assertThat(decoded.payload()).isEmpty();
        assertThat(decoded.problem()).get().asString()
                .startsWith("payload: ").contains("neither on the classpath nor in the schema topic");
    }

    @Test
    void anEncryptedValueIsDecryptedWithTheKeysOfItsOriginalTopic() throws Exception {
        KeyProvider keys = keys();
        RecordProtection protection = RecordProtection.builder().encrypt(Letters.TOPIC, keys).build();
        byte[] sealed = protection.seal(Letters.TOPIC, "m-1", OrderPlaced.class.getName(), VALUE);
        SchemaRegistry schemas = SchemaRegistry.create().register(OrderPlaced.class);

        DecodedDeadLetter withKeys = DeadLetterDecoder.create(schemas, DecodingLimits.ofDefaults(), protection)
                .decode(Letters.failed(1).value(sealed).letter());
        DecodedDeadLetter fromTheLane = DeadLetterDecoder.create(schemas, DecodingLimits.ofDefaults(), protection)
                .decode(Letters.failed(1).value(sealed)
                        .header(ImsgHeaders.DLT_ORIGINAL_TOPIC, PriorityLanes.laneOf(Letters.TOPIC))
                        .letter());
        DecodedDeadLetter withoutKeys = DeadLetterDecoder.create(schemas, DecodingLimits.ofDefaults())
                .decode(Letters.failed(1).value(sealed).letter());
        DecodedDeadLetter wrongKeys = DeadLetterDecoder.create(schemas, DecodingLimits.ofDefaults(),
                RecordProtection.builder().encrypt(Letters.TOPIC, keys()).build())
                .decode(Letters.failed(1).value(sealed).letter());
        DecodedDeadLetter otherMessage = DeadLetterDecoder.create(schemas, DecodingLimits.ofDefaults(), protection)
                .decode(Letters.failed(2).value(sealed).letter());

        assertThat(List.of(withKeys, fromTheLane)).allSatisfy(decoded -> {
            assertThat(decoded.problem()).isEmpty();
            assertThat(decoded.payload()).get()
                    .satisfies(payload -> assertThat(payload.get("orderId")).hasToString("o-1"));
        });
        assertThat(withoutKeys.envelope()).isEmpty();
        assertThat(withoutKeys.problem()).get().asString()
                .startsWith("envelope: the value is encrypted, and this decoder has no keys for orders"
                        + " (imsg dlt show --key-store)");
        assertThat(List.of(wrongKeys, otherMessage)).allSatisfy(decoded -> {
            assertThat(decoded.envelope()).isEmpty();
            assertThat(decoded.problem()).get().asString().startsWith("decryption: ");
        });
    }

    private static KeyProvider keys() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return KeyProvider.of(Map.of("k1", generator.generateKey()), "k1");
    }

    @Test
    void poisonBytesAndTombstonesAreReportedNotThrown() {
        DeadLetterDecoder decoder = DeadLetterDecoder.create(SchemaRegistry.create().register(OrderPlaced.class),
                DecodingLimits.ofDefaults());

        DecodedDeadLetter garbage = decoder.decode(
                Letters.failed(1).value("not an envelope".getBytes(StandardCharsets.UTF_8)).letter());
        DecodedDeadLetter truncated = decoder.decode(
                Letters.failed(2).value(Arrays.copyOf(VALUE, VALUE.length - 3)).letter());
        DecodedDeadLetter tombstone = decoder.decode(Letters.failed(3).value(null).letter());

        assertThat(List.of(garbage, truncated, tombstone)).allSatisfy(decoded -> {
            assertThat(decoded.envelope()).isEmpty();
            assertThat(decoded.problem()).get().asString().startsWith("envelope: ");
        });
    }
}
