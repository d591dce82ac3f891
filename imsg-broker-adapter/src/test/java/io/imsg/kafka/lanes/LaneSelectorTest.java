package io.imsg.kafka.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Priority;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class LaneSelectorTest {

    private final List<String> created = new CopyOnWriteArrayList<>();
    private final List<String> warmed = new CopyOnWriteArrayList<>();

    @Test
    void aLaneWarmedByAnEarlierMessageIsUsedWithoutEnsuringIt() throws Exception {
        try (LaneSelector selector = LaneSelector.enabled(created::add, topic -> {
            warmed.add(topic);
            return true;
        })) {
            assertThat(selector.topicFor("orders", message(Priority.NORMAL))).isEqualTo("orders");
            await().atMost(Duration.ofSeconds(5)).until(() -> warmed.contains("orders"));
            Thread.sleep(200); // the warm-up's future completes just after the predicate returns

            assertThat(selector.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders.priority");
        }
        assertThat(created).as("a lane the warm-up found is not ensured again").isEmpty();
    }

    @Test
    void aHighMessageNeverWaitsForAWarmUpStillRunning() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (LaneSelector selector = LaneSelector.enabled(created::add, topic -> {
            awaitQuietly(never); // e.g. listTopics hanging on an unreachable cluster
            return true;
        })) {
            selector.topicFor("slow", message(Priority.NORMAL)); // occupies the one warming thread
            CompletableFuture<String> high = CompletableFuture.supplyAsync(
                    () -> selector.topicFor("orders", message(Priority.HIGH)));

            assertThat(high.get(5, TimeUnit.SECONDS)).isEqualTo("orders.priority");
            assertThat(created).containsExactly("orders");
        }
    }

    @Test
    void aLaneIsCreatedOnlyForATopicThatGetsAHighMessage() {
        try (LaneSelector selector = LaneSelector.enabled(created::add, missingLanes())) {
            for (int i = 0; i < 100; i++) {
                assertThat(selector.topicFor("presence", message(Priority.NORMAL))).isEqualTo("presence");
                assertThat(selector.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders.priority");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> warmed.contains("presence"));
        }
        assertThat(created).containsExactly("orders");
    }

    @Test
    void aLaneThatCannotBeMadeReadySendsHighToTheNormalLaneAndIsTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        Consumer<String> failsOnce = topic -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("not allowed to create topics");
            }
        };
        try (LaneSelector selector = LaneSelector.enabled(failsOnce, missingLanes())) {
            assertThat(selector.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders");
            assertThat(selector.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders.priority");
            assertThat(selector.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders.priority");
        }
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aFailedWarmUpFallsBackToEnsuringTheLane() {
        Predicate<String> brokenWarm = topic -> {
            throw new IllegalStateException("listing topics failed");
        };
        try (LaneSelector selector = LaneSelector.enabled(created::add, brokenWarm)) {
            assertThat(selector.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders.priority");
        }
        assertThat(created).containsExactly("orders");
    }

    @Test
    void afterCloseHighMessagesStillFindTheirLane() {
        LaneSelector selector = LaneSelector.enabled(created::add, missingLanes());
        selector.close();

        assertThat(selector.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders.priority");
        assertThat(created).containsExactly("orders");
    }

    @Test
    void withoutWarmingTheFirstHighMessageEnsuresTheLane() {
        try (LaneSelector selector = LaneSelector.enabled(created::add)) {
            assertThat(selector.topicFor("orders", message(Priority.NORMAL))).isEqualTo("orders");
            assertThat(created).isEmpty();
            assertThat(selector.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders.priority");
            assertThat(selector.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders.priority");
        }
        assertThat(created).containsExactly("orders");
    }

    @Test
    void laneTopicsAndDisabledLanesAreLeftAsTheyAre() {
        try (LaneSelector enabled = LaneSelector.enabled(created::add, missingLanes());
                LaneSelector disabled = LaneSelector.disabled()) {
            assertThat(enabled.topicFor("orders.priority", message(Priority.HIGH))).isEqualTo("orders.priority");
            assertThat(disabled.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders");
        }
        assertThat(created).isEmpty();
        assertThat(warmed).isEmpty();
    }

    /** Every lane is missing until created. */
    private Predicate<String> missingLanes() {
        return topic -> {
            warmed.add(topic);
            return Set.copyOf(created).contains(topic);
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Message<OrderPlaced> message(Priority priority) {
        OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku").setQuantity(1).build();
        return Message.builder(order).key("o-1").priority(priority).build();
    }
}
