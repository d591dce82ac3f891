package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Message;
import io.imsg.api.failure.DecodingException;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Presence;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** A message every consumer would refuse under the decoding limits is not sent. */
class PayloadLimitCheckTest {

    private static final DecodingLimits DEFAULTS = DecodingLimits.ofDefaults();

    @Test
    void aPayloadOverTheCollectionLimitIsRefusedWhenEncodedAndOneWithinItIsSent() {
        AvroEnvelopeCodec twoItems = AvroEnvelopeCodec.create(TestPayloads.registry(), TestPayloads.PAYLOAD_TYPES,
                DEFAULTS.withMaxCollectionItems(2));
        Message<Presence> within = TestPayloads.presenceMessage(); // two handled types
        Presence three = Presence.newBuilder(within.payload()).setHandledTypes(java.util.List.of("a", "b", "c")).build();

        assertThat(twoItems.decode(twoItems.encode(within), TestPayloads.ORIGIN).payload()).isEqualTo(within.payload());
        assertThatThrownBy(() -> twoItems.encode(Message.builder(three).source(TestPayloads.SOURCE).build()))
                .isInstanceOf(NonRetryableException.class)
                .isNotInstanceOf(DecodingException.class) // the sender's error, not a record's
                .hasMessageStartingWith("a io.imsg.schema.Presence payload outside the decoding limits is not sent,"
                        + " since every consumer would dead-letter it: ")
                .hasMessageContaining("maxCollectionItems 2");
    }

    @Test
    void aStringOverItsLimitIsRefusedWhenThatLimitIsBelowTheMessageLimit() {
        AvroEnvelopeCodec shortStrings = AvroEnvelopeCodec.create(TestPayloads.registry(), TestPayloads.PAYLOAD_TYPES,
                DEFAULTS.withMaxStringBytes(8));
        OrderPlaced order = OrderPlaced.newBuilder().setOrderId("order-with-a-long-id").setSku("s").setQuantity(1)
                .build();

        assertThatThrownBy(() -> shortStrings.encode(Message.builder(order).source(TestPayloads.SOURCE).build()))
                .isInstanceOf(NonRetryableException.class).hasMessageContaining("over maxStringBytes 8");
    }

    @Test
    void onlySchemasThatCanExceedTheLimitsAreScanned() {
        Schema order = OrderPlaced.getClassSchema();
        Schema list = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Node\",\"fields\":["
                + "{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}]}");

        // Strings and bytes up to the message size: the message size limit already bounds them.
        assertThat(PayloadLimitCheck.of(order, DEFAULTS).scans()).isFalse();
        assertThat(PayloadLimitCheck.of(order, DEFAULTS.withMaxStringBytes(100)).scans()).isTrue();
        assertThat(PayloadLimitCheck.of(Presence.getClassSchema(), DEFAULTS).scans()).as("an array").isTrue();
        assertThat(PayloadLimitCheck.of(list, DEFAULTS).scans()).as("recursive").isTrue();
        Schema twoDeep = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"b\","
                + "\"type\":{\"type\":\"record\",\"name\":\"B\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}}]}");
        Schema threeDeep = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Z\",\"fields\":[{\"name\":\"a\","
                + "\"type\":" + twoDeep + "}]}");
        DecodingLimits depthTwo = DEFAULTS.withMaxDepth(DecodingLimits.MIN_DEPTH);
        assertThat(PayloadLimitCheck.of(twoDeep, depthTwo).scans()).isFalse();
        assertThat(PayloadLimitCheck.of(threeDeep, depthTwo).scans()).as("deeper than maxDepth").isTrue();
        assertThatCode(() -> PayloadLimitCheck.of(order, DEFAULTS).check("t", java.nio.ByteBuffer.wrap(new byte[] {-1})))
                .as("nothing scanned").doesNotThrowAnyException();
    }
}
