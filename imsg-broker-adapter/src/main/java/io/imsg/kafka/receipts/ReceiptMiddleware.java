package io.imsg.kafka.receipts;

import io.imsg.api.Context;
import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.api.Middleware;
import io.imsg.api.RouteInfo;
import io.imsg.api.spi.Publisher;
import io.imsg.kafka.receipts.internal.ReceiptSender;
import io.imsg.kafka.receipts.internal.TrackingContext;
import io.imsg.schema.ReceiptStatus;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Sends the DELIVERED and PROCESSED receipts a sender asked for (DEAD_LETTERED comes from the
 * consumer, once the dead letter is written). DELIVERED is sent when the handler chain starts, once
 * per delivery of the record (a message retried through a retry topic reports it again); PROCESSED is emitted on the attempt that succeeded, so it is published together
 * with the handler's outputs and never for an attempt that failed. {@code KafkaMessaging} puts it
 * outermost on every route; records without receipt headers pass straight through.
 */
public final class ReceiptMiddleware implements Middleware {

    private final ReceiptSender receipts;

    private ReceiptMiddleware(ReceiptSender receipts) {
        this.receipts = Objects.requireNonNull(receipts, "receipts");
    }

    /** Receipts sent through {@code publisher}. */
    public static ReceiptMiddleware create(Publisher publisher) {
        return new ReceiptMiddleware(new ReceiptSender(publisher, Clock.systemUTC()));
    }

    @Override
    public Handler<SpecificRecord> wrap(RouteInfo route, Handler<SpecificRecord> next) {
        return (message, context) -> {
            if (context.headers().receipts().isEmpty()) {
                next.handle(message, context);
                return;
            }
            ReceiptSender.destination(context.headers(), ReceiptStatus.DELIVERED)
                    .ifPresent(topic -> receipts.send(topic, receipt(message, context, ReceiptStatus.DELIVERED)));
            Optional<String> processed = ReceiptSender.destination(context.headers(), ReceiptStatus.PROCESSED);
            if (processed.isEmpty()) {
                next.handle(message, context);
                return;
            }
            TrackingContext tracked = TrackingContext.of(context);
            next.handle(message, tracked);
            tracked.latest().emit(processed.get(), receipt(message, context, ReceiptStatus.PROCESSED));
        };
    }

    private Message<io.imsg.schema.Receipt> receipt(Message<?> message, Context context, ReceiptStatus status) {
        return receipts.receipt(context.headers(), message.id(), status, null);
    }
}
