package io.imsg.kafka.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.api.spi.Publisher;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.it.Fixture;
import io.imsg.schema.Priority;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A priority lane that never drains: a steady stream of HIGH messages arrives faster than their
 * (deliberately slow) handler finishes them, and a normal backlog is published while it flows.
 * Normal lanes wait behind it, but the guard gives them a turn; with the guard pushed out of
 * reach, they get at most one poll's worth until the stream stops.
 */
@ImsgKafkaTest
class LaneGuardIT {

    private static final int NORMAL_BACKLOG = 3_000;
    private static final int FIRST_POLL = 500; // max.poll.records: at most one poll's worth may slip through
    private static final Duration STREAM = Duration.ofSeconds(4);

    @Test
    void normalTrafficKeepsMovingUnderAContinuousPriorityStream(KafkaBroker broker) throws Exception {
        int normalDuringStream = normalHandledDuringStream(broker, Duration.ofMillis(200));

        System.out.printf("lane guard 200 ms: %d of %d normal messages handled while the priority lane stayed busy%n",
                normalDuringStream, NORMAL_BACKLOG);
        assertThat(normalDuringStream).isGreaterThan(FIRST_POLL);
    }

    @Test
    void withoutATurnNormalTrafficWaitsBehindTheBusyPriorityLane(KafkaBroker broker) throws Exception {
        int normalDuringStream = normalHandledDuringStream(broker, Duration.ofMinutes(10));

        System.out.printf("lane guard 10 min: %d of %d normal messages handled while the priority lane stayed busy%n",
                normalDuringStream, NORMAL_BACKLOG);
        assertThat(normalDuringStream).isLessThanOrEqualTo(FIRST_POLL);
    }

    private int normalHandledDuringStream(KafkaBroker broker, Duration guard) throws Exception {
        String topic = TestNames.unique("guard");
        broker.createTopic(topic, 3);
        AtomicInteger normalHandled = new AtomicInteger();
        AtomicInteger highHandled = new AtomicInteger();
        Router router = Router.builder().route(topic, OrderPlaced.class, (message, context) -> {
            if (message.priority() == Priority.HIGH) {
                Thread.sleep(10); // 2 keys x 100/s: slower than the 300/s stream, so the lane never drains
                highHandled.incrementAndGet();
            } else {
                normalHandled.incrementAndGet();
            }
        }).build();
        SubscriberSettings settings = SubscriberSettings.builder(TestNames.unique("g")).normalLaneMaxPause(guard).build();
        Router producerSide = Router.builder().route(topic, OrderPlaced.class, (m, c) -> { }).build();
        try (Fixture sender = Fixture.start(broker, producerSide, SubscriberSettings.builder(TestNames.unique("idle"))
                .build())) {
            Publisher publisher = sender.publisher();
            int normalAtEnd;
            try (Fixture consumer = Fixture.start(broker, router, settings)) {
                AtomicBoolean streaming = new AtomicBoolean(true);
                CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> streamHigh(publisher, topic, streaming));
                await().atMost(Duration.ofSeconds(30)).until(() -> highHandled.get() > 0); // the lane is busy
                for (int i = 0; i < NORMAL_BACKLOG; i++) {
                    publisher.publish(topic, order("n" + i, "n" + (i % 50), Priority.NORMAL));
                }
                Thread.sleep(STREAM.toMillis());
                normalAtEnd = normalHandled.get();
                streaming.set(false);
                stream.join();
                await().atMost(Duration.ofMinutes(1)).until(() -> normalHandled.get() == NORMAL_BACKLOG);
            }
            return normalAtEnd;
        }
    }

    private static void streamHigh(Publisher publisher, String topic, AtomicBoolean streaming) {
        int i = 0;
        while (streaming.get()) {
            publisher.publish(topic, order("h" + i, "h" + (i % 2), Priority.HIGH));
            i++;
            try {
                Thread.sleep(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Message<OrderPlaced> order(String id, String key, Priority priority) {
        OrderPlaced order = OrderPlaced.newBuilder().setOrderId(id).setSku("sku").setQuantity(1).build();
        return Message.builder(order).key(key).priority(priority).build();
    }
}
