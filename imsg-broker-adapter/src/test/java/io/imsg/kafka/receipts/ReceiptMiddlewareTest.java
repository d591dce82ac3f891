package io.imsg.kafka.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Context;
import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.RouteInfo;
import io.imsg.api.header.Header;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.api.header.MessageHeaders;
import io.imsg.api.spi.PublishResult;
import io.imsg.api.spi.Publisher;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Receipt;
import io.imsg.schema.ReceiptStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ReceiptMiddlewareTest {

    private static final RouteInfo ROUTE = new RouteInfo("reserve", "orders", OrderPlaced.class);
    private static final String REPLIES = "_imsg.replies.shop";

    private final List<Message<?>> published = new ArrayList<>();
    private final ReceiptMiddleware middleware = ReceiptMiddleware.create(new Publisher() {
        @Override
        public <T extends SpecificRecord> CompletableFuture<PublishResult> publish(String topic, Message<T> message) {
            assertThat(topic).isEqualTo(REPLIES);
            published.add(message);
            return CompletableFuture.completedFuture(new PublishResult(topic, 0, 0, message.id()));
        }

        @Override
        public void close() {}
    });
    private final Message<SpecificRecord> order = Message.of((SpecificRecord) OrderPlaced.newBuilder()
            .setOrderId("o-1").setSku("sku").setQuantity(1).build());

    @Test
    void deliveredIsSentWhenTheHandlerStartsAndProcessedIsEmittedOnTheAttemptThatSucceeded() throws Exception {
        FakeContext first = new FakeContext(1, headers("DELIVERED,PROCESSED", REPLIES));
        List<Integer> sawDelivered = new ArrayList<>();
        Handler<SpecificRecord> flaky = (message, context) -> {
            sawDelivered.add(published.size());
            context.nextAttempt(); // as RetryMiddleware does after a failed attempt
        };

        middleware.wrap(ROUTE, flaky).handle(order, first);

        assertThat(sawDelivered).containsExactly(1);
        assertThat(receipt(published.get(0))).satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo(ReceiptStatus.DELIVERED);
            assertThat(r.getMessageId()).isEqualTo(order.id());
        });
        assertThat(published.get(0).key()).contains("shop-1");
        assertThat(first.emitted).as("the failed attempt publishes nothing").isEmpty();
        assertThat(first.next.emitted).singleElement().satisfies(m -> {
            assertThat(receipt(m).getStatus()).isEqualTo(ReceiptStatus.PROCESSED);
            assertThat(m.causationId()).contains(order.id());
        });
    }

    @Test
    void aFailingHandlerGetsNoProcessedReceipt() {
        FakeContext context = new FakeContext(1, headers("PROCESSED", REPLIES));

        assertThatThrownBy(() -> middleware.wrap(ROUTE, (m, c) -> {
            throw new IllegalStateException("boom");
        }).handle(order, context)).hasMessage("boom");
        assertThat(context.emitted).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void noReceiptGoesToATopicOutsideTheReplyPrefixOrWhenNoneWasAskedFor() throws Exception {
        FakeContext forged = new FakeContext(1, headers("DELIVERED,PROCESSED", "orders"));
        FakeContext plain = new FakeContext(1, MessageHeaders.empty());

        middleware.wrap(ROUTE, (m, c) -> { }).handle(order, forged);
        middleware.wrap(ROUTE, (m, c) -> { }).handle(order, plain);

        assertThat(published).isEmpty();
        assertThat(forged.emitted).isEmpty();
        assertThat(plain.emitted).isEmpty();
    }

    private static Receipt receipt(Message<?> message) {
        return (Receipt) message.payload();
    }

    private static MessageHeaders headers(String receipts, String replyTo) {
        return MessageHeaders.of(List.of(Header.of(ImsgHeaders.RECEIPTS, receipts),
                Header.of(ImsgHeaders.REPLY_TO, replyTo), Header.of(ImsgHeaders.INSTANCE, "shop-1")));
    }

    /** One attempt: records what it emitted and the attempt that followed it. */
    private static final class FakeContext implements Context {
        final int attempt;
        final MessageHeaders headers;
        final List<Message<?>> emitted = new ArrayList<>();
        FakeContext next;

        FakeContext(int attempt, MessageHeaders headers) {
            this.attempt = attempt;
            this.headers = headers;
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public RouteInfo route() {
            return ROUTE;
        }

        @Override
        public RecordOrigin origin() {
            return new RecordOrigin("orders", 0, 0, Instant.EPOCH);
        }

        @Override
        public MessageHeaders headers() {
            return headers;
        }

        @Override
        public <T extends SpecificRecord> void emit(String topic, Message<T> message) {
            assertThat(topic).isEqualTo(REPLIES);
            emitted.add(message);
        }

        @Override
        public Context nextAttempt() {
            next = new FakeContext(attempt + 1, headers);
            return next;
        }

        @Override
        public void onSettled(Consumer<Boolean> action) {}
    }
}
