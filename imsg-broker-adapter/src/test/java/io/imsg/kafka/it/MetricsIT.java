package io.imsg.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.api.metrics.MeterNames;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The publisher's and consumer's meters on a real broker: renamed through {@link MeterNames}, the
 * lag gauge counting fetched-but-unfinished records, and the Kafka clients' own metrics bound while
 * the clients live and gone after {@code close()}.
 */
@ImsgKafkaTest
class MetricsIT {

    private static final int MESSAGES = 100;

    @Test
    void lagCountsUnfinishedRecordsAndClientMetricsLiveAsLongAsTheClients(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("metered");
        String group = TestNames.unique("metered-group");
        broker.createTopic(topic, 3);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        Router router = Router.builder().route(topic, OrderPlaced.class, (message, context) -> {
            release.await(60, TimeUnit.SECONDS);
            handled.incrementAndGet();
        }).build();
        MeterNames names = MeterNames.defaults().withPublished("orders.published").withConsumerLag("orders.lag");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers(broker.bootstrapServers()).service("metered")
                .build();

        try (KafkaMessaging messaging = KafkaMessaging.builder(kafka)
                .routes(router, SubscriberSettings.builder(group).concurrency(4).build())
                .meterRegistry(registry).meterNames(names).build()) {
            messaging.start();
            CompletableFuture<?>[] sends = new CompletableFuture<?>[MESSAGES];
            for (int i = 0; i < MESSAGES; i++) {
                OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-" + i).setSku("s").setQuantity(1).build();
                sends[i] = messaging.publisher().publish(topic, Message.builder(order).key("k-" + i).build());
            }
            CompletableFuture.allOf(sends).get(30, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(lag(registry, topic)).as("all fetched, none finished").isEqualTo(MESSAGES));
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.get() == MESSAGES);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lag(registry, topic)).isZero());

            assertThat(registry.get("orders.published").tag("topic", topic).counters().stream()
                    .mapToDouble(Counter::count).sum()).isEqualTo(MESSAGES);
            assertThat(registry.find("imsg.messages.published").counters()).isEmpty();
            assertThat(registry.get("imsg.messages.received").tag("topic", topic).counter().count()).isEqualTo(MESSAGES);
            assertThat(names(registry)).anyMatch(name -> name.startsWith("kafka.producer."))
                    .anyMatch(name -> name.startsWith("kafka.consumer."));
        }

        assertThat(names(registry)).noneMatch(name -> name.startsWith("kafka.producer.") || name.startsWith("kafka.consumer."))
                .doesNotContain("orders.lag");
    }

    private static double lag(SimpleMeterRegistry registry, String topic) {
        var gauge = registry.find("orders.lag").tag("topic", topic).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private static java.util.List<String> names(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).toList();
    }
}
