package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Message;
import io.imsg.api.failure.DecodingException;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Presence;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A message consumers would refuse under the decoding limits is not sent. */
class PayloadLimitCheckTest {

    private static final DecodingLimits DEFAULTS = DecodingLimits.ofDefaults();

    @Test
    void aPayloadOverTheDefaultCollectionLimitIsRefusedWhenEncoded() {
        AvroEnvelopeCodec codec = TestPayloads.codec();
        Message<Presence> within = TestPayloads.presenceMessage();
        Presence over = Presence.newBuilder(within.payload())
                .setHandledTypes(Collections.nCopies(DecodingLimits.DEFAULT_MAX_COLLECTION_ITEMS + 1, "t")).build();

        assertThat(codec.decode(codec.encode(within), TestPayloads.ORIGIN).payload()).isEqualTo(within.payload());
        assertThatThrownBy(() -> codec.encode(Message.builder(over).source(TestPayloads.SOURCE).build()))
                .isInstanceOf(NonRetryableException.class)
                .isNotInstanceOf(DecodingException.class) // the sender's error, not a record's
                .hasMessageStartingWith("a io.imsg.schema.Presence payload outside the decoding limits is not sent,"
                        + " since every consumer would dead-letter it: ")
                .hasMessageContaining("maxCollectionItems 100000");
    }

    @Test
    void limitsTightenedForThisServicesOwnConsumerDoNotStopItSendingWhatOthersAccept() {
        AvroEnvelopeCodec strict = AvroEnvelopeCodec.create(TestPayloads.registry(), TestPayloads.PAYLOAD_TYPES,
                DEFAULTS.withMaxCollectionItems(2));
        Presence three = Presence.newBuilder(TestPayloads.presenceMessage().payload())
                .setHandledTypes(List.of("a", "b", "c")).build();

        byte[] sent = strict.encode(Message.builder(three).source(TestPayloads.SOURCE).build());

        assertThat(TestPayloads.codec().decode(sent, TestPayloads.ORIGIN).payload()).isEqualTo(three);
    }

    @Test
    void aStringOverALimitBelowTheMessageSizeIsRefused() {
        OrderPlaced order = OrderPlaced.newBuilder().setOrderId("order-with-a-long-id").setSku("s").setQuantity(1)
                .build();
        ByteBuffer body = ByteBuffer.wrap(TestPayloads.write(OrderPlaced.getClassSchema(), order));

        assertThatThrownBy(() -> PayloadLimitCheck.of(OrderPlaced.getClassSchema(), DEFAULTS.withMaxStringBytes(8))
                .check("OrderPlaced", body))
                .isInstanceOf(NonRetryableException.class).hasMessageContaining("over maxStringBytes 8");
    }

    @Test
    void onlySchemasThatCanExceedTheLimitsAreScanned() {
        Schema order = OrderPlaced.getClassSchema();
        Schema list = parse("{\"type\":\"record\",\"name\":\"Node\",\"fields\":[{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}]}");
        Schema twoDeep = parse("{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"b\",\"type\":{\"type\":\"record\","
                + "\"name\":\"B\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}}]}");
        Schema threeDeep = parse("{\"type\":\"record\",\"name\":\"Z\",\"fields\":[{\"name\":\"a\",\"type\":" + twoDeep + "}]}");
        Schema siblings = parse("{\"type\":\"record\",\"name\":\"S\",\"fields\":[{\"name\":\"first\",\"type\":" + twoDeep
                + "},{\"name\":\"second\",\"type\":\"A\"}]}");
        Schema listInUnion = parse("{\"type\":\"record\",\"name\":\"U\",\"fields\":[{\"name\":\"u\",\"type\":[\"null\","
                + "\"int\",{\"type\":\"array\",\"items\":\"int\"}]}]}");
        DecodingLimits depthThree = DEFAULTS.withMaxDepth(3);

        // Strings and bytes up to the message size: the message size limit already bounds them.
        assertThat(PayloadLimitCheck.of(order, DEFAULTS).scans()).isFalse();
        assertThat(PayloadLimitCheck.of(order, DEFAULTS.withMaxStringBytes(100)).scans()).isTrue();
        assertThat(PayloadLimitCheck.of(Presence.getClassSchema(), DEFAULTS).scans()).as("an array").isTrue();
        assertThat(PayloadLimitCheck.of(listInUnion, DEFAULTS).scans()).as("an array in a union").isTrue();
        assertThat(PayloadLimitCheck.of(list, DEFAULTS).scans()).as("recursive").isTrue();
        assertThat(PayloadLimitCheck.of(twoDeep, DEFAULTS.withMaxDepth(2)).scans()).isFalse();
        assertThat(PayloadLimitCheck.of(threeDeep, DEFAULTS.withMaxDepth(2)).scans()).as("deeper than maxDepth").isTrue();
        assertThat(PayloadLimitCheck.of(siblings, depthThree).scans()).as("a type in two fields is not recursion")
                .isFalse();
        assertThatCode(() -> PayloadLimitCheck.of(order, DEFAULTS).check("t", ByteBuffer.wrap(new byte[] {-1})))
                .as("nothing scanned").doesNotThrowAnyException();
    }

    @Test
    // Walked once per path, 40 levels of two fields each would take 2^40 steps; a thread of its own,
    // since that walk would not answer an interrupt.
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTypeReferencedFromManyFieldsIsWalkedOnce() {
        Schema level = Schema.createRecord("L0", null, "t", false,
                List.of(new Schema.Field("x", Schema.create(Schema.Type.INT))));
        for (int i = 1; i <= 40; i++) {
            level = Schema.createRecord("L" + i, null, "t", false,
                    List.of(new Schema.Field("a", level), new Schema.Field("b", level)));
        }

        assertThat(PayloadLimitCheck.of(level, DEFAULTS).scans()).as("41 levels, within 64").isFalse();
        assertThat(PayloadLimitCheck.of(level, DEFAULTS.withMaxDepth(40)).scans()).isTrue();
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
