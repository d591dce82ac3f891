package io.imsg.kafka.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.header.ImsgHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedriveLedgerTest {

    private static final Instant NOW = Instant.parse("2025-05-02T09:00:00Z");

    @Test
    void anEntryWrittenForADeadLetterRecordsIt() {
        DeadLetter letter = Letters.failed(5).letter();
        RedriveLedger ledger = ledgerOf(letter);

        assertThat(ledger.contains(letter)).isTrue();
        assertThat(ledger.contains(Letters.failed(6).letter())).isFalse();
        assertThat(ledger.size()).isEqualTo(1);
        assertThat(new String(LedgerEntry.value(letter, "orders-1@9", NOW), StandardCharsets.UTF_8))
                .isEqualTo("message-id=m-5\nredriven-at=2025-05-02T09:00:00Z\ntarget=orders-1@9\n");
    }

    @Test
    void aDeadLetterTopicCreatedAgainDoesNotInheritTheOldEntriesOfItsOffsets() {
        RedriveLedger ledger = ledgerOf(Letters.failed(5).letter());

        DeadLetter sameOffsetOtherMessage = Letters.failed(5).header(ImsgHeaders.MESSAGE_ID, "another").letter();

        assertThat(ledger.contains(sameOffsetOtherMessage)).isFalse();
    }

    @Test
    void aTombstoneForgetsAnEntrySoTheDeadLetterCanBeRedrivenAgain() {
        DeadLetter letter = Letters.failed(5).letter();
        RedriveLedger.Builder builder = new RedriveLedger.Builder();
        builder.apply(LedgerEntry.key(letter), LedgerEntry.value(letter, "orders-0@1", NOW));
        builder.apply(LedgerEntry.key(letter), null);

        assertThat(builder.build().contains(letter)).isFalse();
    }

    @Test
    void aDamagedValueStillCountsAsRedrivenSoDoubtNeverCausesADuplicate() {
        DeadLetter letter = Letters.failed(5).letter();
        RedriveLedger.Builder builder = new RedriveLedger.Builder();
        builder.apply(LedgerEntry.key(letter), new byte[LedgerEntry.MAX_VALUE_BYTES + 1]);
        builder.apply("x".repeat(100).getBytes(StandardCharsets.UTF_8), "message-id=m".getBytes(StandardCharsets.UTF_8));
        builder.apply(null, "message-id=m".getBytes(StandardCharsets.UTF_8));

        RedriveLedger ledger = builder.build();

        assertThat(ledger.contains(letter)).isTrue();
        assertThat(ledger.size()).isEqualTo(1);
    }

    private static RedriveLedger ledgerOf(DeadLetter letter) {
        RedriveLedger.Builder builder = new RedriveLedger.Builder();
        builder.apply(LedgerEntry.key(letter), LedgerEntry.value(letter, "orders-1@9", NOW));
        return builder.build();
    }
}
