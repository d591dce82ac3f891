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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A handler far slower than the producer: the consumer must pause partitions instead of buffering
 * without bound, and keep polling so the group never rebalances, even though handling the backlog
 * takes longer than {@code max.poll.interval.ms}.
 */
@ImsgKafkaTest
class BackpressureIT {

    private static final int MESSAGES = 12_000;
    private static final int MAX_IN_FLIGHT = 200;
    private static final int MAX_POLL_RECORDS = 100;

    @Test
    void slowHandlerKeepsInFlightBoundedByPausingPartitionsWithoutARebalance(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("slow");
        String group = TestNames.unique("slow-group");
        broker.createTopic(topic, 6);
        AtomicInteger handled = new AtomicInteger();
        Router router = Router.builder().route(topic, OrderPlaced.class, (message, context) -> {
            Thread.sleep(5); // 4 workers x 5 ms: about 800 msg/s, over 20x slower than the producer
            handled.incrementAndGet();
        }).build();
        SubscriberSettings settings = SubscriberSettings.builder(group).concurrency(4).maxInFlight(MAX_IN_FLIGHT)
                .maxPollRecords(MAX_POLL_RECORDS).build();

        try (Fixture fixture = Fixture.start(broker, router, settings,
                kafka -> kafka.clientProperty("max.poll.interval.ms", "8000"));
                Sampler sampler = new Sampler(fixture)) {
            long sendStart = System.nanoTime();
            List<CompletableFuture<?>> sends = new ArrayList<>(MESSAGES);
            for (int i = 0; i < MESSAGES; i++) {
                OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-" + i).setSku("s-" + i).setQuantity(1).build();
                sends.add(fixture.publisher().publish(topic, Message.builder(order).key("k-" + (i % 500)).build()));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
            long sendMillis = (System.nanoTime() - sendStart) / 1_000_000;
            long handleStart = System.nanoTime();

            await().atMost(Duration.ofMinutes(2)).until(() -> handled.get() == MESSAGES);
            long handleMillis = (System.nanoTime() - handleStart) / 1_000_000 + sendMillis;
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.lag(group, topic) == 0);

            System.out.printf("backpressure: sent %d in %d ms, handled in %d ms, max in flight %d, paused up to %d partitions%n",
                    MESSAGES, sendMillis, handleMillis, sampler.maxInFlight.get(), sampler.maxPaused.get());
            assertThat(handleMillis).as("the run outlasts max.poll.interval.ms").isGreaterThan(8_000);
            assertThat(sampler.maxInFlight.get()).isLessThanOrEqualTo(MAX_IN_FLIGHT + MAX_POLL_RECORDS);
            assertThat(sampler.maxPaused.get()).as("partitions were paused").isPositive();
            assertThat(gauge(fixture, "imsg.consumer.paused.partitions")).as("and resumed").isZero();
            assertThat(revoked(fixture)).as("partitions revoked: a rebalance happened").isZero();
        }
    }

    private static double gauge(Fixture fixture, String name) {
        return fixture.registry().get(name).gauge().value();
    }

    private static double revoked(Fixture fixture) {
        Counter counter = fixture.registry().find("imsg.consumer.partitions.revoked").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Samples the in-flight and paused gauges every few milliseconds and keeps their maxima. */
    private static final class Sampler implements AutoCloseable {

        final AtomicLong maxInFlight = new AtomicLong();
        final AtomicLong maxPaused = new AtomicLong();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        Sampler(Fixture fixture) {
            Gauge inFlight = fixture.registry().get("imsg.consumer.in.flight").gauge();
            Gauge paused = fixture.registry().get("imsg.consumer.paused.partitions").gauge();
            timer.scheduleAtFixedRate(() -> {
                maxInFlight.accumulateAndGet((long) inFlight.value(), Math::max);
                maxPaused.accumulateAndGet((long) paused.value(), Math::max);
            }, 0, 2, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
