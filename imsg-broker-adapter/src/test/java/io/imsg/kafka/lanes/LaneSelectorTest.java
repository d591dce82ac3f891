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
    void theFirstNormalMessageWarmsAnExistingLaneWithoutWaitingForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Predicate<String> slowWarm = topic -> {
            warmed.add(topic);
            awaitQuietly(release);
            return true;
        };
        try (LaneSelector selector = LaneSelector.enabled(created::add, slowWarm)) {
            assertThat(selector.topicFor("orders", message(Priority.NORMAL))).isEqualTo("orders");
            await().atMost(Duration.ofSeconds(5)).until(() -> warmed.contains("orders"));

            CompletableFuture<String> high = CompletableFuture.supplyAsync(
                    () -> selector.topicFor("orders", message(Priority.HIGH)));
            Thread.sleep(100);
            assertThat(high).as("a HIGH message waits while its lane is being warmed").isNotDone();
            release.countDown();
            assertThat(high.get(5, TimeUnit.SECONDS)).isEqualTo("orders.priority");
        }
        assertThat(created).as("an existing lane is not created again").isEmpty();
    }

    @Test
    void aLaneIsCreatedOnlyForATopicThatGetsAHighMessage() {
        try (LaneSelector selector = LaneSelector.enabled(created::add, missingLanes())) {
            for (int i = 0; i < 100; i++) {
                assertThat(selector.topicFor("presence", message(Priority.NORMAL))).isEqualTo("presence");
                assertThat(selector.topicFor("orders", message(Priority.HIGH))).isEqualTo("orders.priority");
            }
        }
        assertThat(created).containsExactly("orders");
        assertThat(warmed).containsExactlyInAnyOrder("presence", "orders");
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
    void closingReleasesHighMessagesWaitingForAWarmUpThatNeverRan() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        LaneSelector selector = LaneSelector.enabled(topic -> {
            throw new IllegalStateException("the admin client is closed");
        }, topic -> {
            awaitQuietly(never);
            return true;
        });
        selector.topicFor("slow", message(Priority.NORMAL)); // occupies the one warming thread
        CompletableFuture<String> high = CompletableFuture.supplyAsync(
                () -> selector.topicFor("queued", message(Priority.HIGH)));
        Thread.sleep(100);
        assertThat(high).isNotDone();

        selector.close();

        assertThat(high.get(5, TimeUnit.SECONDS)).isEqualTo("queued");
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
