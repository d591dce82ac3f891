package io.imsg.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.handler.retry.RetryMiddleware;
import io.imsg.handler.retry.RetryPolicy;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The ordered mode of today: in-process retry. 1,000 keys x 100 increasing sequence numbers with 2%
 * of attempts failing at random (seeded): every message is handled once and no key ever sees a
 * later sequence number before an earlier one, because a key's later records wait behind the one
 * that is retrying while other keys flow.
 */
@ImsgKafkaTest
class OrderedRetryIT {

    private static final int KEYS = 1_000;
    private static final int PER_KEY = 100;
    private static final long SEED = 4242L;

    @Test
    void keysKeepTheirOrderThroughTransientFailuresAndRetries(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("ordered");
        broker.createTopic(topic, 6);
        Map<String, List<Integer>> handledByKey = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        Map<String, SplittableRandom> randomByKey = new ConcurrentHashMap<>();
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(10).initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(50)).maxTotalTime(Duration.ofSeconds(2)).build();
        Router router = Router.builder()
                .use(RetryMiddleware.create(policy))
                .route(topic, OrderPlaced.class, (message, context) -> {
                    String key = message.key().orElseThrow();
                    // one seeded stream per key: the same failures on every run, whatever the scheduling
                    SplittableRandom random = randomByKey.computeIfAbsent(key, k -> new SplittableRandom(SEED ^ k.hashCode()));
                    if (random.nextInt(100) < 2) {
                        failures.incrementAndGet();
                        throw new IllegalStateException("transient failure of " + key);
                    }
                    handledByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(message.payload().getQuantity());
                })
                .build();

        try (Fixture fixture = Fixture.start(broker, router, SubscriberSettings.builder(TestNames.unique("g")).build())) {
            KeySequences.sendAll(fixture.publisher(), topic, KEYS, PER_KEY);

            await().atMost(Duration.ofMinutes(2)).until(() -> handledByKey.values().stream()
                    .mapToInt(List::size).sum() == KEYS * PER_KEY);
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.lag(fixture.groupOf(), topic) == 0);
        }

        long inversions = handledByKey.values().stream().mapToLong(OrderedRetryIT::inversions).sum();
        System.out.printf("ordered retry: %d messages, %d transient failures retried, %d per-key inversions (seed %d)%n",
                KEYS * PER_KEY, failures.get(), inversions, SEED);
        assertThat(failures.get()).as("failures were injected").isGreaterThan(1_000);
        assertThat(handledByKey).hasSize(KEYS);
        assertThat(handledByKey.values()).allSatisfy(sequence -> assertThat(sequence).hasSize(PER_KEY));
        assertThat(inversions).isZero();
    }

    private static long inversions(List<Integer> sequence) {
        long count = 0;
        for (int i = 1; i < sequence.size(); i++) {
            if (sequence.get(i) < sequence.get(i - 1)) {
                count++;
            }
        }
        return count;
    }
}
