package io.imsg.kafka.redrive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * One record of the redrive ledger: keyed by the dead letter's {@code <partition>-<offset>}, its
 * value says which message was redriven, when, and where to, as {@code name=value} lines.
 *
 * <p>The message id is there because offsets are not forever: a dead-letter topic deleted and
 * created again starts at offset 0, and its new dead letters must not look redriven.
 */
record LedgerEntry(String key, Optional<String> messageId) {

    /** Keys are {@code <int>-<long>}; anything longer is not ours. */
    static final int MAX_KEY_CHARS = 32;
    /** Values are a few short lines; a longer one is not parsed (the key alone still counts). */
    static final int MAX_VALUE_BYTES = 4096;
    private static final String MESSAGE_ID = "message-id=";

    static byte[] key(DeadLetter letter) {
        return letter.ledgerKey().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(DeadLetter letter, String target, Instant redrivenAt) {
        StringBuilder text = new StringBuilder();
        letter.messageId().ifPresent(id -> text.append(MESSAGE_ID).append(id).append('\n'));
        text.append("redriven-at=").append(redrivenAt).append('\n');
        text.append("target=").append(target).append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a ledger record; empty for a key that cannot be a ledger key. A malformed value still
     * yields an entry without a message id: when in doubt, a dead letter counts as redriven, so a
     * damaged ledger can cost a missed redrive, never a duplicate.
     */
    static Optional<LedgerEntry> parse(byte[] key, byte[] value) {
        if (key == null || key.length > MAX_KEY_CHARS) {
            return Optional.empty();
        }
        return Optional.of(new LedgerEntry(new String(key, StandardCharsets.UTF_8), messageIdIn(value)));
    }

    private static Optional<String> messageIdIn(byte[] value) {
        if (value == null || value.length > MAX_VALUE_BYTES) {
            return Optional.empty();
        }
        for (String line : new String(value, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith(MESSAGE_ID)) {
                return Optional.of(line.substring(MESSAGE_ID.length()));
            }
        }
        return Optional.empty();
    }

    /** Whether this entry records {@code letter}: same key, and the same message when both name one. */
    boolean records(DeadLetter letter) {
        return key.equals(letter.ledgerKey())
                && (messageId.isEmpty() || letter.messageId().isEmpty() || messageId.equals(letter.messageId()));
    }
}
