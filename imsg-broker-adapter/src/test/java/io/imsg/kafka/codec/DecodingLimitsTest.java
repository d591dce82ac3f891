package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecodingLimitsTest {

    @Test
    void defaultsAllowOneMebibyteMessagesAHundredThousandItemsAndDepthSixtyFour() {
        DecodingLimits limits = DecodingLimits.ofDefaults();

        assertThat(limits.maxMessageBytes()).isEqualTo(1_048_576);
        assertThat(limits.maxStringBytes()).isEqualTo(1_048_576);
        assertThat(limits.maxBytesLength()).isEqualTo(1_048_576);
        assertThat(limits.maxCollectionItems()).isEqualTo(100_000);
        assertThat(limits.maxDepth()).isEqualTo(64);
    }

    @Test
    void withersChangeOneSettingAndKeepTheRest() {
        DecodingLimits limits = DecodingLimits.ofDefaults().withMaxMessageBytes(10).withMaxDepth(5);

        assertThat(limits).isEqualTo(new DecodingLimits(10, 1_048_576, 1_048_576, 100_000, 5));
    }

    @Test
    void aMessageLimitBelowOneByteIsRefusedByName() {
        assertThatThrownBy(() -> DecodingLimits.ofDefaults().withMaxMessageBytes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxMessageBytes must be >= 1, was 0");
    }

    @Test
    void negativeStringBytesAndCollectionLimitsAreRefusedByName() {
        assertThatThrownBy(() -> DecodingLimits.ofDefaults().withMaxStringBytes(-1))
                .hasMessage("maxStringBytes must be >= 0, was -1");
        assertThatThrownBy(() -> DecodingLimits.ofDefaults().withMaxBytesLength(-1))
                .hasMessage("maxBytesLength must be >= 0, was -1");
        assertThatThrownBy(() -> DecodingLimits.ofDefaults().withMaxCollectionItems(-1))
                .hasMessage("maxCollectionItems must be >= 0, was -1");
    }

    @Test
    void aDepthTheEnvelopeCannotFitInOrThatRisksTheStackIsRefused() {
        assertThatThrownBy(() -> DecodingLimits.ofDefaults().withMaxDepth(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDepth must be >= 2, was 1");
        assertThatThrownBy(() -> DecodingLimits.ofDefaults().withMaxDepth(513))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDepth must be <= 512, was 513");
    }

    @Test
    void widenedToTakesTheLargerOfEachLimit() {
        DecodingLimits strict = DecodingLimits.ofDefaults().withMaxCollectionItems(2).withMaxDepth(200);

        DecodingLimits widened = strict.widenedTo(DecodingLimits.ofDefaults());

        assertThat(widened.maxCollectionItems()).isEqualTo(DecodingLimits.DEFAULT_MAX_COLLECTION_ITEMS);
        assertThat(widened.maxDepth()).isEqualTo(200);
        assertThat(widened.maxMessageBytes()).isEqualTo(DecodingLimits.DEFAULT_MAX_MESSAGE_BYTES);
    }
}
