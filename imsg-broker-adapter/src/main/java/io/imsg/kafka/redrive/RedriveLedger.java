package io.imsg.kafka.redrive;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which dead letters of one dead-letter topic were already redriven: a snapshot of the compacted
 * topic {@code <topic>.dlt.redriven} ({@link RedriveTopics#ledgerTopicOf}), keyed by each dead
 * letter's {@code <partition>-<offset>}. {@link Redriver} writes an entry only after the broker
 * acknowledged the republished record, and skips every dead letter the ledger holds, so running a
 * redrive twice does not republish anything twice.
 *
 * <p>To let a dead letter be redriven again on purpose, write a tombstone (a null value) for its
 * key to the ledger topic. Immutable.
 */
public final class RedriveLedger {

    private static final RedriveLedger EMPTY = new RedriveLedger(Map.of());

    private final Map<String, LedgerEntry> entries;

    private RedriveLedger(Map<String, LedgerEntry> entries) {
        this.entries = Map.copyOf(entries);
    }

    public static RedriveLedger empty() {
        return EMPTY;
    }

    /** True when {@code letter} was redriven already. */
    public boolean contains(DeadLetter letter) {
        LedgerEntry entry = entries.get(Objects.requireNonNull(letter, "letter").ledgerKey());
        return entry != null && entry.records(letter);
    }

    /** How many dead letters the ledger records. */
    public int size() {
        return entries.size();
    }

    /** Replays ledger records in offset order; a later record for a key wins, a tombstone removes it. */
    static final class Builder {

        private final Map<String, LedgerEntry> entries = new HashMap<>();

        void apply(byte[] key, byte[] value) {
            if (value == null) {
                if (key != null) {
                    entries.remove(new String(key, java.nio.charset.StandardCharsets.UTF_8));
                }
                return;
            }
            LedgerEntry.parse(key, value).ifPresent(entry -> entries.put(entry.key(), entry));
        }

        RedriveLedger build() {
            return entries.isEmpty() ? EMPTY : new RedriveLedger(entries);
        }
    }
}
