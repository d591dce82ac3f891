package io.imsg.api.header;

import io.imsg.schema.PresenceStatus;
import io.imsg.schema.Priority;
import io.imsg.schema.ReceiptStatus;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An immutable view of a record's headers with typed accessors for iMSG's vocabulary. Values from
 * the wire are untrusted: an accessor returns empty for a missing or malformed value, never throws.
 * When a key occurs more than once the last value wins, as in Kafka's {@code lastHeader}.
 */
public final class MessageHeaders {

    private static final MessageHeaders EMPTY = new MessageHeaders(List.of());

    private final List<Header> headers;

    private MessageHeaders(List<Header> headers) {
        this.headers = headers;
    }

    public static MessageHeaders of(List<Header> headers) {
        return headers.isEmpty() ? EMPTY : new MessageHeaders(List.copyOf(headers));
    }

    public static MessageHeaders empty() {
        return EMPTY;
    }

    public List<Header> all() {
        return headers;
    }

    public Optional<String> string(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            Header header = headers.get(i);
            if (header.key().equals(key)) {
                return header.value() == null
                        ? Optional.empty()
                        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    public Optional<String> messageId() {
        return string(ImsgHeaders.MESSAGE_ID);
    }

    public Optional<String> type() {
        return string(ImsgHeaders.TYPE);
    }

    public Optional<String> source() {
        return string(ImsgHeaders.SOURCE);
    }

    public Optional<Priority> priority() {
        return string(ImsgHeaders.PRIORITY).flatMap(MessageHeaders::parsePriority);
    }

    /** The sending instance's id, stamped by its publisher. */
    public Optional<String> instance() {
        return string(ImsgHeaders.INSTANCE);
    }

    /** The sender's presence status when it sent the record; empty when absent or unknown. */
    public Optional<PresenceStatus> presence() {
        return string(ImsgHeaders.PRESENCE).flatMap(text -> parseEnum(PresenceStatus.values(), text));
    }

    /** The topic the sender wants receipts and replies on, as the sender wrote it (check before use). */
    public Optional<String> replyTo() {
        return string(ImsgHeaders.REPLY_TO);
    }

    /**
     * The receipts the sender asked for. Unknown names are ignored and the list is bounded, so a
     * forged header cannot ask for more than every status once.
     */
    public Set<ReceiptStatus> receipts() {
        Optional<String> text = string(ImsgHeaders.RECEIPTS);
        if (text.isEmpty() || text.get().length() > 64) {
            return Set.of();
        }
        EnumSet<ReceiptStatus> statuses = EnumSet.noneOf(ReceiptStatus.class);
        for (String name : text.get().split(",", 8)) {
            parseEnum(ReceiptStatus.values(), name.trim()).ifPresent(statuses::add);
        }
        return Collections.unmodifiableSet(statuses);
    }

    /** The attempt number carried by a retried record; empty when absent or not a positive int. */
    public OptionalInt attempt() {
        OptionalLong value = longValue(ImsgHeaders.ATTEMPT);
        return value.isPresent() && value.getAsLong() >= 1 && value.getAsLong() <= Integer.MAX_VALUE
                ? OptionalInt.of((int) value.getAsLong())
                : OptionalInt.empty();
    }

    public OptionalLong longValue(String key) {
        Optional<String> text = string(key);
        if (text.isEmpty() || text.get().length() > 20) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.get()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<Priority> parsePriority(String text) {
        return parseEnum(Priority.values(), text);
    }

    private static <E extends Enum<E>> Optional<E> parseEnum(E[] values, String text) {
        for (E value : values) {
            if (value.name().equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return headers.toString();
    }
}
