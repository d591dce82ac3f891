package io.imsg.kafka.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.api.failure.ImsgException;
import io.imsg.api.receipt.ReplyTimeoutException;
import io.imsg.api.receipt.RequestDeadLetteredException;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.kafka.receipts.internal.PendingRequests;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {

    private final PendingRequests pending = new PendingRequests(2);

    @Test
    void theCorrelatedReplyCompletesTheRequestAndFreesItsSlot() throws Exception {
        CompletableFuture<Message<SpecificRecord>> future = pending.register("r-1", "queries", Duration.ofMinutes(1));
        Message<SpecificRecord> reply = Message.of((SpecificRecord) order());

        assertThat(pending.reply("other", reply)).isFalse();
        assertThat(pending.reply("r-1", reply)).isTrue();
        assertThat(future.get()).isSameAs(reply);
        assertThat(pending.size()).isZero();
        assertThat(pending.reply("r-1", reply)).as("a second reply is dropped").isFalse();
    }

    @Test
    void noReplyWithinTheTimeoutFailsTheRequestWithReplyTimeout() {
        CompletableFuture<Message<SpecificRecord>> future = pending.register("r-1", "queries", Duration.ofMillis(50));

        await().atMost(Duration.ofSeconds(10)).until(future::isDone);
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ReplyTimeoutException.class)
                .hasMessageContaining("no reply to request r-1 on queries within PT0.05S");
        assertThat(pending.size()).isZero();
    }

    @Test
    void aDeadLetteredRequestFailsAtOnceWithTheReceiversReason() {
        CompletableFuture<Message<SpecificRecord>> future = pending.register("r-1", "queries", Duration.ofMinutes(1));

        pending.deadLettered("r-1", "java.lang.IllegalStateException: no such sku");

        assertThatThrownBy(future::get).hasCauseInstanceOf(RequestDeadLetteredException.class)
                .hasMessageContaining("no such sku");
    }

    @Test
    void pendingRequestsAreBoundedAndIdsUnique() {
        pending.register("r-1", "queries", Duration.ofMinutes(1));

        assertThatThrownBy(() -> pending.register("r-1", "queries", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r-1 is already waiting");
        pending.register("r-2", "queries", Duration.ofMinutes(1));
        assertThatThrownBy(() -> pending.register("r-3", "queries", Duration.ofMinutes(1)))
                .isInstanceOf(ImsgException.class).hasMessageContaining("maxPendingRequests 2");
    }

    @Test
    void closingFailsEveryWaitingRequest() {
        CompletableFuture<Message<SpecificRecord>> future = pending.register("r-1", "queries", Duration.ofMinutes(1));

        pending.closeAll();

        assertThatThrownBy(future::get).hasCauseInstanceOf(ImsgException.class).hasMessageContaining("closed");
    }

    private static OrderPlaced order() {
        return OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku").setQuantity(1).build();
    }
}
