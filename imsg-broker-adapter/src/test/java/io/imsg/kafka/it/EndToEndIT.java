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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The first route end to end on the real broker: every message once, per-key order, lag 0. */
@ImsgKafkaTest
class EndToEndIT {

    private static final int MESSAGES = 100_000;
    private static final int KEYS = 1_000;
    private static final int PARTITIONS = 6;

    @Test
    void hundredThousandMessagesAreHandledExactlyOnceInPerKeyOrderWithLagZero(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("orders");
        String group = TestNames.unique("inventory");
        broker.createTopic(topic, PARTITIONS);
        Map<String, List<Integer>> sequencesByKey = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> handledById = new ConcurrentHashMap<>();
        Router router = Router.builder().route(topic, OrderPlaced.class, (message, context) -> {
            handledById.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
            // one key runs one at a time, so a plain list per key is safe and shows the order
            sequencesByKey.computeIfAbsent(message.key().orElseThrow(), k -> new ArrayList<>())
                    .add(message.payload().getQuantity());
        }).build();

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(group).build())) {
            List<CompletableFuture<?>> sends = new ArrayList<>(MESSAGES);
            for (int i = 0; i < MESSAGES; i++) {
                String key = "sku-" + (i % KEYS);
                OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-" + i).setSku(key).setQuantity(i / KEYS).build();
                sends.add(fixture.publisher().publish(topic, Message.builder(order).key(key).build()));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();

            await().atMost(Duration.ofMinutes(2)).until(() -> handledById.size() == MESSAGES);
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.lag(group, topic) == 0);
        }

        assertThat(handledById).hasSize(MESSAGES);
        assertThat(handledById.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(sequencesByKey).hasSize(KEYS);
        assertThat(sequencesByKey.values()).allSatisfy(sequence -> assertThat(sequence)
                .hasSize(MESSAGES / KEYS).isSorted());
    }
}
