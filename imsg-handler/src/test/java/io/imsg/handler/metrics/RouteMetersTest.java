package io.imsg.handler.metrics;

import io.imsg.api.metrics.Outcome;

import static io.imsg.handler.testing.TestMessages.erased;
import static io.imsg.handler.testing.TestMessages.erasedOrder;
import static io.imsg.handler.testing.TestMessages.inventoryReserved;
import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.api.Handler;
import io.imsg.api.RouteInfo;
import io.imsg.api.spi.RouteTable.Route;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.handler.testing.TestContext;
import io.imsg.schema.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class RouteMetersTest {

    private static final RouteInfo ROUTE = new RouteInfo("reserve-stock", "orders", OrderPlaced.class);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MetricsMiddleware metrics = MetricsMiddleware.create(registry);

    @Test
    void retryAndDeadLetterOutcomesShareTheHandledCounterAndItsTags() {
        RouteMeters meters = metrics.metersFor(ROUTE);

        meters.handled(Priority.HIGH, Outcome.RETRY).increment();
        meters.handled(Priority.HIGH, Outcome.DEAD_LETTER).increment();

        assertThat(registry.get("imsg.messages.handled").tag("outcome", "retry").counter().count()).isEqualTo(1.0);
        Counter deadLetters = registry.get("imsg.messages.handled").tag("outcome", "dead_letter").counter();
        assertThat(deadLetters.getId().getTags()).containsExactlyInAnyOrder(
                Tag.of("route", "reserve-stock"), Tag.of("topic", "orders"),
                Tag.of("type", "io.imsg.examples.orders.OrderPlaced"), Tag.of("priority", "HIGH"),
                Tag.of("outcome", "dead_letter"));
    }

    @Test
    void metersOfOneRouteAreTheSameSeriesWhicheverRouteMetersRecordsThem() throws Exception {
        metrics.wrap(ROUTE, (message, context) -> {}).handle(erasedOrder("o-1"), new TestContext(ROUTE));

        metrics.metersFor(ROUTE).handled(Priority.NORMAL, Outcome.SUCCESS).increment();

        assertThat(registry.get("imsg.messages.handled").counters()).singleElement()
                .satisfies(counter -> assertThat(counter.count()).isEqualTo(2.0));
    }

    @Test
    void aMeterIsCreatedOnFirstUseAndTheSameInstanceIsReturnedAfter() {
        RouteMeters meters = metrics.metersFor(ROUTE);
        assertThat(registry.getMeters()).as("nothing registered before use").isEmpty();

        Counter first = meters.handled(Priority.LOW, Outcome.SUCCESS);

        assertThat(meters.handled(Priority.LOW, Outcome.SUCCESS)).isSameAs(first);
        assertThat(meters.handled(Priority.LOW, Outcome.FAILURE)).isNotSameAs(first);
        assertThat(meters.handled(Priority.NORMAL, Outcome.SUCCESS)).isNotSameAs(first);
        assertThat(meters.handlerDuration(Outcome.SUCCESS)).isSameAs(meters.handlerDuration(Outcome.SUCCESS));
        assertThat(meters.latency(Priority.HIGH)).isSameAs(meters.latency(Priority.HIGH));
    }

    @Test
    void eachRouteOfARouterRecordsIntoItsOwnSeries() throws Exception {
        Router router = Router.builder()
                .use(metrics)
                .route("reserve-stock", "orders", OrderPlaced.class, (message, context) -> {})
                .route("inventory", InventoryReserved.class, (message, context) -> {})
                .build();
        Route orders = router.routes().get(0);
        Route inventory = router.routes().get(1);

        orders.handler().handle(erasedOrder("o-1"), new TestContext(orders.info()));
        orders.handler().handle(erasedOrder("o-2"), new TestContext(orders.info()));
        inventory.handler().handle(erased(inventoryReserved("o-1")).build(), new TestContext(inventory.info()));

        assertThat(registry.get("imsg.messages.handled").tag("route", "reserve-stock").counter().count())
                .isEqualTo(2.0);
        assertThat(registry.get("imsg.messages.handled").tag("route", "inventory:InventoryReserved")
                .tag("topic", "inventory").tag("type", "io.imsg.examples.orders.InventoryReserved")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void threadsRacingToCreateAMeterAllRecordIntoOneSeries() throws Exception {
        Handler<SpecificRecord> measured = metrics.wrap(ROUTE, (message, context) -> {});
        int threads = 8;
        int perThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        measured.handle(erasedOrder("o-" + i), new TestContext(ROUTE));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(registry.get("imsg.messages.handled").counters()).singleElement()
                .satisfies(counter -> assertThat(counter.count()).isEqualTo(threads * perThread));
        assertThat(registry.get("imsg.message.latency").timer().count()).isEqualTo(threads * perThread);
    }
}
