package io.imsg.kafka.receipts.internal;

import io.imsg.api.Message;
import io.imsg.api.header.MessageHeaders;
import io.imsg.api.receipt.ReplyTopics;
import io.imsg.api.spi.Publisher;
import io.imsg.schema.Receipt;
import io.imsg.schema.ReceiptStatus;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and sends receipts. A receipt is a best-effort notice: it is sent once the event happened,
 * and a receipt that cannot be written is logged, never retried at the cost of the message itself.
 */
public final class ReceiptSender {

    private static final Logger log = LoggerFactory.getLogger(ReceiptSender.class);
    /** Reasons are truncated: they come from exception messages of any length. */
    static final int MAX_REASON_CHARS = 1024;

    private final Publisher publisher;
    private final Clock clock;

    public ReceiptSender(Publisher publisher, Clock clock) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Where receipts of {@code status} go for a record with these headers; empty when none were asked for. */
    public static Optional<String> destination(MessageHeaders headers, ReceiptStatus status) {
        if (!headers.receipts().contains(status)) {
            return Optional.empty();
        }
        Optional<String> replyTo = headers.replyTo();
        if (replyTo.isPresent() && !ReplyTopics.isValid(replyTo.get())) {
            log.debug("IMSG-1803 reply topic '{}' is not under {}; no receipt sent", replyTo.get(), ReplyTopics.PREFIX);
            return Optional.empty();
        }
        return replyTo;
    }

    /** The receipt message of {@code status} for the message {@code messageId}, keyed for its sender. */
    public Message<Receipt> receipt(MessageHeaders headers, String messageId, ReceiptStatus status, String reason) {
        Receipt receipt = new Receipt(messageId, status, truncate(reason), clock.instant());
        Message.Builder<Receipt> message = Message.builder(receipt).causationId(messageId);
        headers.instance().ifPresent(message::key);
        return message.build();
    }

    /** Sends a receipt now, without waiting; a failure is logged. */
    public void send(String topic, Message<Receipt> receipt) {
        publisher.publish(topic, receipt).exceptionally(failure -> {
            log.warn("IMSG-1801 {} receipt for {} not written to {}: {}", receipt.payload().getStatus(),
                    receipt.payload().getMessageId(), topic, failure.toString());
            return null;
        });
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS);
    }
}
