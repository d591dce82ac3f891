package io.imsg.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.api.Message;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.deadletter.DeadLetterTopics;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Retryable failures move through {@code <topic>.retry.<delay>} stages, each honoured by pausing
 * the retry partition until the record is due, then to the dead-letter topic, which still names
 * the record's original coordinates.
 */
@ImsgKafkaTest
class RetryTopicIT {

    private static final Duration FIRST = Duration.ofMillis(700);
    private static final Duration SECOND = Duration.ofMillis(1500);

    @Test
    void retryableFailuresWaitEachStageDelayThenSucceedOrAreDeadLetteredWithTheirOrigin(KafkaBroker broker)
            throws Exception {
        String topic = TestNames.unique("retry-topics");
        broker.createTopic(topic, 3);
        Map<String, List<Long>> attemptTimes = new ConcurrentHashMap<>();
        Map<String, List<Integer>> attemptNumbers = new ConcurrentHashMap<>();
        Router router = Router.builder().route(topic, OrderPlaced.class, (message, context) -> {
            String id = message.payload().getOrderId();
            attemptTimes.computeIfAbsent(id, k -> new ArrayList<>()).add(System.currentTimeMillis());
            attemptNumbers.computeIfAbsent(id, k -> new ArrayList<>()).add(context.attempt());
            int attempts = attemptTimes.get(id).size();
            if (id.startsWith("invalid")) {
                throw new NonRetryableException("invalid order " + id);
            }
            if (id.startsWith("always") || attempts < 3) {
                throw new IllegalStateException("inventory database busy (attempt " + attempts + ")");
            }
        }).build();
        SubscriberSettings settings = SubscriberSettings.builder(TestNames.unique("g")).retryDelays(FIRST, SECOND).build();

        try (Fixture fixture = Fixture.start(broker, router, settings)) {
            for (String id : List.of("recovers-1", "recovers-2", "always-1", "invalid-1")) {
                fixture.publisher().publish(topic, Message.builder(order(id)).key(id).build()).join();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(attemptTimes, "recovers-1") == 3
                    && attempts(attemptTimes, "recovers-2") == 3 && attempts(attemptTimes, "always-1") == 3);
            List<ConsumerRecord<byte[], byte[]>> deadLetters = Fixture.readAll(broker, DeadLetterTopics.of(topic), 2);

            for (String id : List.of("recovers-1", "recovers-2", "always-1")) {
                List<Long> times = attemptTimes.get(id);
                assertThat(times.get(1) - times.get(0)).as(id + " waited the first stage").isGreaterThanOrEqualTo(FIRST.toMillis() - 50);
                assertThat(times.get(2) - times.get(1)).as(id + " waited the second stage").isGreaterThanOrEqualTo(SECOND.toMillis() - 50);
                assertThat(attemptNumbers.get(id)).containsExactly(1, 2, 3);
            }
            assertThat(attemptTimes.get("invalid-1")).as("non-retryable skips the retry topics").hasSize(1);
            assertThat(deadLetters).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("always-1", "invalid-1");
            ConsumerRecord<byte[], byte[]> always = deadLetters.stream()
                    .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("always-1")).findFirst().orElseThrow();
            assertThat(header(always, ImsgHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topic);
            assertThat(header(always, ImsgHeaders.DLT_ATTEMPTS)).isEqualTo("3");
            assertThat(header(always, ImsgHeaders.DLT_EXCEPTION_CLASS)).isEqualTo(IllegalStateException.class.getName());
            assertThat(always.headers().lastHeader(ImsgHeaders.RETRY_ORIGINAL_TOPIC)).as("retry headers are dropped").isNull();
            double retried = fixture.registry().find("imsg.messages.handled").tag("outcome", "retry").counters()
                    .stream().mapToDouble(c -> c.count()).sum();
            assertThat(retried).as("moves to a retry topic: 3 messages x 2 stages").isEqualTo(6.0);
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.lag(fixture.groupOf(), topic) == 0);
        }
    }

    private static int attempts(Map<String, List<Long>> times, String id) {
        return times.getOrDefault(id, List.of()).size();
    }

    private static OrderPlaced order(String id) {
        return OrderPlaced.newBuilder().setOrderId(id).setSku("sku").setQuantity(1).build();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
