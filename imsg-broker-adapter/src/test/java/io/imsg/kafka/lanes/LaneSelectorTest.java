package io.imsg.kafka.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Priority;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LaneSelectorTest {

    private final List<String> readied = new CopyOnWriteArrayList<>();

    @Test
    void theFirstNormalMessageStartsReadyingTheLaneWithoutWaitingForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LaneSelector selector = LaneSelector.enabled(blockingUntil(release))) {
            assertThat(selector.topicFor("orders", message(Priority.NORMAL))).isEqualTo("orders");
            await().atMost(Duration.ofSeconds(5)).until(() -> readied.contains("orders"));

            CompletableFuture<String> high = CompletableFuture.supplyAsync(
                    () -> selector.topicFor("orders", message(Priority.HIGH)));
            Thread.sleep(100);
            assertThat(high).as("a HIGH message waits while its lane is being readied").isNotDone();
            release.countDown();
            assertThat(high.get(5, TimeUnit.SECONDS)).isEqualTo("orders.priority");
        }
    }

    @Test
    void aLaneIsReadiedOncePerTopic() {
        try (LaneSelector selector = LaneSelector.enabled(readied::add)) {
            for (int i = 0; i < 100; i++) {
                assertThat(selector.topicFor("orders", message(i % 2 == 0 ? Priority.HIGH : Priority.NORMAL)))
                        .isIn("orders", "orders.priority");
                assertThat(selector.topicFor("payments", message(Priority.HIGH))).isEqualTo("payments.priority");
            }
        }
        assertThat(readied).containsExactlyInAnyOrder("orders", "payments");
    }

    @Test
    void aLaneThatCannotBeReadiedSendsHighToTheNormalLaneAndIsTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        Consumer<String> failsOnce = topic -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("not allowed to create topics");
            }
        };
        try (LaneSelector selector = LaneSelector.enabled(failsOnce)) {
            assertThat(selector.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders");
            assertThat(selector.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders.priority");
        }
        assertThat(attempts).hasValue(2);
    }

    @Test
    void closingReleasesHighMessagesWaitingForALaneThatWasNeverReadied() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        LaneSelector selector = LaneSelector.enabled(blockingUntil(never));
        selector.topicFor("slow", message(Priority.NORMAL)); // occupies the one preparer thread
        CompletableFuture<String> high = CompletableFuture.supplyAsync(
                () -> selector.topicFor("queued", message(Priority.HIGH)));
        Thread.sleep(100);
        assertThat(high).isNotDone();

        selector.close();

        assertThat(high.get(5, TimeUnit.SECONDS)).isEqualTo("queued");
    }

    @Test
    void laneTopicsAndDisabledLanesAreLeftAsTheyAre() {
        try (LaneSelector enabled = LaneSelector.enabled(readied::add);
                LaneSelector disabled = LaneSelector.disabled()) {
            assertThat(enabled.topicFor("orders.priority", message(Priority.HIGH))).isEqualTo("orders.priority");
            assertThat(disabled.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders");
        }
        assertThat(readied).isEmpty();
    }

    private Consumer<String> blockingUntil(CountDownLatch release) {
        return topic -> {
            readied.add(topic);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        };
    }

    private static Message<OrderPlaced> message(Priority priority) {
        OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku").setQuantity(1).build();
        return Message.builder(order).key("o-1").priority(priority).build();
    }
}
