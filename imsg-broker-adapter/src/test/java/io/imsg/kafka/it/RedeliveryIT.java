package io.imsg.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A record left unfinished while its partition stays assigned (here: an {@code onSettled} action,
 * such as an idempotency store's completion, fails once) is consumed again, as
 * {@code Context.onSettled} promises, and the partition commits past it. Before, its commits stayed
 * behind it until the next rebalance.
 */
@ImsgKafkaTest
class RedeliveryIT {

    @Test
    void aRecordWhoseSettleActionFailsIsConsumedAgainAndItsPartitionCommitsPastIt(KafkaBroker broker)
            throws Exception {
        String topic = TestNames.unique("settle");
        broker.createTopic(topic, 1);
        Map<String, List<Long>> handledAt = new ConcurrentHashMap<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        Router router = Router.builder().route(topic, OrderPlaced.class, (message, context) -> {
            String id = message.payload().getOrderId();
            handledAt.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
            context.onSettled(published -> {
                if (published && id.equals("o-3") && failedOnce.compareAndSet(false, true)) {
                    throw new IllegalStateException("the idempotency store is unreachable");
                }
            });
        }).build();
        String group = TestNames.unique("g");
        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(group).build())) {
            for (int i = 0; i < 10; i++) {
                OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-" + i).setSku("sku").setQuantity(1).build();
                fixture.publisher().publish(topic, Message.builder(order).key("o-" + i).build()).join();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.lag(group, topic) == 0);
            assertThat(fixture.registry().get("imsg.consumer.redeliveries").tag("group", group).tag("topic", topic)
                    .counter().count()).as("one rewind, counted").isEqualTo(1.0);
        }
        assertThat(handledAt).containsOnlyKeys(IntStream.range(0, 10).mapToObj(i -> "o-" + i).toList());
        List<Long> redelivered = handledAt.get("o-3");
        assertThat(redelivered).as("o-3 handled, then consumed again").hasSize(2);
        assertThat(Duration.ofNanos(redelivered.get(1) - redelivered.get(0)))
                .as("consumed again after the first delay, not at once")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }
}
