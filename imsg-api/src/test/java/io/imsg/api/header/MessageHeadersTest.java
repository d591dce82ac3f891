package io.imsg.api.header;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.schema.Priority;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageHeadersTest {

    @Test
    void typedAccessorsReadTheVocabulary() {
        MessageHeaders headers = MessageHeaders.of(List.of(
                Header.of(ImsgHeaders.MESSAGE_ID, "m-1"),
                Header.of(ImsgHeaders.PRIORITY, "HIGH"),
                Header.of(ImsgHeaders.ATTEMPT, "3")));

        assertThat(headers.messageId()).contains("m-1");
        assertThat(headers.priority()).contains(Priority.HIGH);
        assertThat(headers.attempt()).hasValue(3);
    }

    @Test
    void malformedValuesFromTheWireReadAsAbsentNeverThrow() {
        MessageHeaders headers = MessageHeaders.of(List.of(
                Header.of(ImsgHeaders.PRIORITY, "SUPER-URGENT"),
                Header.of(ImsgHeaders.ATTEMPT, "-1"),
                new Header(ImsgHeaders.MESSAGE_ID, null),
                Header.of(ImsgHeaders.DLT_ORIGINAL_OFFSET, "9".repeat(5000))));

        assertThat(headers.priority()).isEmpty();
        assertThat(headers.attempt()).isEmpty();
        assertThat(headers.messageId()).isEmpty();
        assertThat(headers.longValue(ImsgHeaders.DLT_ORIGINAL_OFFSET)).isEmpty();
        assertThat(MessageHeaders.of(List.of(Header.of(ImsgHeaders.ATTEMPT, "99999999999"))).attempt()).isEmpty();
    }

    @Test
    void theLastValueOfARepeatedKeyWins() {
        MessageHeaders headers = MessageHeaders.of(List.of(
                Header.of(ImsgHeaders.PRIORITY, "LOW"), Header.of(ImsgHeaders.PRIORITY, "HIGH")));

        assertThat(headers.priority()).contains(Priority.HIGH);
    }

    @Test
    void reservedKeysAreRecognisedWhateverTheirCase() {
        assertThat(ImsgHeaders.isReserved("imsg-attempt")).isTrue();
        assertThat(ImsgHeaders.isReserved("IMSG-Attempt")).isTrue();
        assertThat(ImsgHeaders.isReserved("traceparent")).isFalse();
        assertThat(ImsgHeaders.isReserved(null)).isFalse();
    }

    @Test
    void presenceAndReceiptHeadersReadThroughTypedAccessors() {
        MessageHeaders headers = MessageHeaders.of(List.of(
                Header.of(ImsgHeaders.INSTANCE, "orders-1"),
                Header.of(ImsgHeaders.PRESENCE, "DRAINING"),
                Header.of(ImsgHeaders.REPLY_TO, "_imsg.replies.orders"),
                Header.of(ImsgHeaders.RECEIPTS, "PROCESSED, DEAD_LETTERED")));

        assertThat(headers.instance()).contains("orders-1");
        assertThat(headers.presence()).contains(io.imsg.schema.PresenceStatus.DRAINING);
        assertThat(headers.replyTo()).contains("_imsg.replies.orders");
        assertThat(headers.receipts()).containsExactlyInAnyOrder(io.imsg.schema.ReceiptStatus.PROCESSED,
                io.imsg.schema.ReceiptStatus.DEAD_LETTERED);
    }

    @Test
    void forgedPresenceAndReceiptHeadersReadAsAbsentOrAreIgnored() {
        MessageHeaders headers = MessageHeaders.of(List.of(
                Header.of(ImsgHeaders.PRESENCE, "IMMORTAL"),
                Header.of(ImsgHeaders.RECEIPTS, "READ,,PROCESSED,processed")));

        assertThat(headers.presence()).isEmpty();
        assertThat(headers.receipts()).containsExactly(io.imsg.schema.ReceiptStatus.PROCESSED);
        assertThat(MessageHeaders.of(List.of(Header.of(ImsgHeaders.RECEIPTS, "PROCESSED," + "X".repeat(100))))
                .receipts()).as("an oversized list is ignored whole").isEmpty();
        assertThat(MessageHeaders.empty().receipts()).isEmpty();
    }
}
