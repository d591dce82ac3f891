package io.imsg.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.testkit.ImsgKafkaTest;
import io.imsg.testkit.KafkaBroker;
import io.imsg.testkit.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Ordered mode for retry topics: a key's later records wait while an earlier one is in a retry
 * topic. Keys x sequence numbers, 3% of first and second attempts failing (seeded), no in-process
 * retry, so every failure goes through the retry topics. Two members share the group and one
 * leaves mid-run, so the survivor must rebuild which keys are parked from the retry topics. The
 * same workload without the ordered mode shows inversions: the check can fail.
 */
@ImsgKafkaTest
class OrderedRetryTopicIT {

    private static final int KEYS = 300;
    private static final int PER_KEY = 40;
    private static final long SEED = 99L;

    @Test
    void keysKeepTheirOrderThroughRetryTopicsAcrossARebalance(KafkaBroker broker) throws Exception {
        Run run = run(broker, true);

        System.out.printf("ordered retry topics: %d messages, %d failures sent to retry topics, %d first-time "
                + "inversions, %d redeliveries (seed %d)%n", KEYS * PER_KEY, run.failures, run.inversions,
                run.redeliveries, SEED);
        assertThat(run.failures).as("failures were injected").isGreaterThan(200);
        assertThat(run.missing).isZero();
        assertThat(run.inversions).isZero();
    }

    @Test
    void theOrderedModeRefusesToStartWhenALaneOrRetryTopicHasOtherPartitionCounts(KafkaBroker broker) {
        String laned = TestNames.unique("laned");
        broker.createTopic(laned, 3);
        broker.createTopic(laned + ".priority", 6); // made before, by an operator or auto-creation
        String retried = TestNames.unique("retried");
        broker.createTopic(retried, 3);
        broker.createTopic(retried + ".retry.1s", 2);

        // A HIGH record of lane partition 5 would go to retry partition 5, which does not exist.
        assertThat(startFailure(broker, laned)).hasMessage("orderedRetryTopics needs " + laned
                + ".priority to have the partition count of " + laned + " (3), but it has 6; recreate it with 3"
                + " partitions, or turn orderedRetryTopics off");
        assertThat(startFailure(broker, retried)).hasMessage("orderedRetryTopics needs " + retried
                + ".retry.1s to have the partition count of " + retried + " (3), but it has 2; add partitions to it"
                + " (kafka-topics --alter --partitions 3)");
    }

    private static Throwable startFailure(KafkaBroker broker, String topic) {
        Router router = Router.builder().route(topic, OrderPlaced.class, (message, context) -> { }).build();
        SubscriberSettings ordered = SubscriberSettings.builder(TestNames.unique("g"))
                .retryDelays(Duration.ofSeconds(1)).orderedRetryTopics(true).build();
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers(broker.bootstrapServers()).service("it").build();
        try (KafkaMessaging messaging = KafkaMessaging.builder(kafka).routes(router, ordered)
                .meterRegistry(new SimpleMeterRegistry()).build()) {
            return org.assertj.core.api.Assertions.catchThrowable(messaging::start);
        }
    }

    @Test
    void withoutTheOrderedModeLaterRecordsOvertakeTheRetryingOne(KafkaBroker broker) throws Exception {
        Run run = run(broker, false);

        System.out.printf("unordered retry topics: %d failures, %d first-time inversions%n", run.failures, run.inversions);
        assertThat(run.missing).isZero();
        assertThat(run.inversions).isPositive();
    }

    private record Run(int failures, long inversions, long redeliveries, long missing) {}

    private Run run(KafkaBroker broker, boolean ordered) throws Exception {
        String topic = TestNames.unique("ordered-retry");
        broker.createTopic(topic, 6);
        Map<String, List<Integer>> handledByKey = new ConcurrentHashMap<>();
        Map<String, SplittableRandom> randomByKey = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        Router router = Router.builder()
                .route(topic, OrderPlaced.class, (message, context) -> {
                    String key = message.key().orElseThrow();
                    SplittableRandom random = randomByKey.computeIfAbsent(key, k -> new SplittableRandom(SEED ^ k.hashCode()));
                    // Third attempts always succeed, so nothing is dead-lettered and every record must arrive.
                    if (context.attempt() < 3 && random.nextInt(100) < 3) {
                        failures.incrementAndGet();
                        throw new IllegalStateException("transient failure of " + key);
                    }
                    handledByKey.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(message.payload().getQuantity());
                })
                .build();
        SubscriberSettings settings = SubscriberSettings.builder(TestNames.unique("g"))
                .retryDelays(Duration.ofMillis(200), Duration.ofMillis(500))
                .orderedRetryTopics(ordered).build();

        try (Fixture leaving = Fixture.start(broker, router, settings);
                Fixture staying = Fixture.start(broker, router, settings)) {
            KeySequences.sendAll(leaving.publisher(), topic, KEYS, PER_KEY);
            await().atMost(Duration.ofMinutes(1)).until(() -> handled(handledByKey) >= KEYS * PER_KEY / 3);
            leaving.close();

            await().atMost(Duration.ofMinutes(2)).until(() -> distinct(handledByKey) == KEYS * PER_KEY);
            await().atMost(Duration.ofSeconds(30)).until(() -> staying.lag(settings.groupId(), topic) == 0);
        }
        long inversions = handledByKey.values().stream().mapToLong(OrderedRetryTopicIT::firstTimeInversions).sum();
        long redeliveries = handled(handledByKey) - distinct(handledByKey);
        return new Run(failures.get(), inversions, redeliveries, (long) KEYS * PER_KEY - distinct(handledByKey));
    }

    /** Records handled for the first time after a later record of the key: order broken, not just a redelivery. */
    private static long firstTimeInversions(List<Integer> sequence) {
        long count = 0;
        int highest = -1;
        Set<Integer> seen = new HashSet<>();
        synchronized (sequence) {
            for (int value : sequence) {
                if (seen.add(value) && value < highest) {
                    count++;
                }
                highest = Math.max(highest, value);
            }
        }
        return count;
    }

    private static long handled(Map<String, List<Integer>> byKey) {
        return byKey.values().stream().mapToLong(List::size).sum();
    }

    private static long distinct(Map<String, List<Integer>> byKey) {
        return byKey.values().stream().mapToLong(list -> {
            synchronized (list) {
                return new HashSet<>(list).size();
            }
        }).sum();
    }
}
