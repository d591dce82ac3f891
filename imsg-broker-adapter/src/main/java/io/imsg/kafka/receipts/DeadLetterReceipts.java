package io.imsg.kafka.receipts;

import io.imsg.api.header.MessageHeaders;
import io.imsg.api.spi.Publisher;
import io.imsg.kafka.deadletter.DeadLetterListener;
import io.imsg.kafka.deadletter.Failure;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.kafka.receipts.internal.ReceiptSender;
import io.imsg.schema.ReceiptStatus;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Sends the DEAD_LETTERED receipt, with the failure as its reason, once a dead letter was
 * acknowledged. It works from the record's headers alone, so an undecodable message still gets
 * its receipt when its sender asked for one.
 */
public final class DeadLetterReceipts implements DeadLetterListener {

    private final ReceiptSender receipts;

    private DeadLetterReceipts(ReceiptSender receipts) {
        this.receipts = receipts;
    }

    public static DeadLetterReceipts create(Publisher publisher) {
        return new DeadLetterReceipts(new ReceiptSender(publisher, Clock.systemUTC()));
    }

    @Override
    public void deadLettered(ConsumerRecord<byte[], byte[]> record, Failure failure) {
        MessageHeaders headers = HeaderMapping.view(record.headers());
        Optional<String> topic = ReceiptSender.destination(headers, ReceiptStatus.DEAD_LETTERED);
        Optional<String> messageId = headers.messageId();
        if (topic.isEmpty() || messageId.isEmpty()) {
            return;
        }
        String reason = failure.cause().getClass().getName() + ": " + failure.cause().getMessage();
        receipts.send(topic.get(), receipts.receipt(headers, messageId.get(), ReceiptStatus.DEAD_LETTERED, reason));
    }
}
