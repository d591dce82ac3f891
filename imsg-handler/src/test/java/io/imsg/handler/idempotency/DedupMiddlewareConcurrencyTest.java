package io.imsg.handler.idempotency;

import static io.imsg.handler.testing.TestMessages.erased;
import static io.imsg.handler.testing.TestMessages.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.api.RouteInfo;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.testing.TestContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Deliveries of one message id on many threads at once: the handler runs once, nobody is marked done early. */
class DedupMiddlewareConcurrencyTest {

    private static final RouteInfo ROUTE = new RouteInfo("reserve-stock", "orders", OrderPlaced.class);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DedupMiddleware dedup = DedupMiddleware.create(InMemoryIdempotencyStore.create(), registry);
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void concurrentDuplicatesRunTheHandlerOnce() throws Exception {
        int threads = 16;
        CountDownLatch othersDone = new CountDownLatch(threads - 1);
        Handler<SpecificRecord> handler = dedup.wrap(ROUTE, (message, context) -> {
            runs.incrementAndGet();
            // Hold the claim until every other delivery has come and gone, so they all overlap it.
            if (!othersDone.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the duplicates did not finish while the first held its claim");
            }
        });
        List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());

        runConcurrently(threads, () -> {
            try {
                TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE));
                outcomes.add("returned");
            } catch (DuplicateInProgressException bounced) {
                outcomes.add(bounced.getClass());
            } finally {
                othersDone.countDown();
            }
            return null;
        });

        assertThat(runs).hasValue(1);
        assertThat(outcomes).hasSize(threads).containsOnlyOnce("returned")
                .filteredOn(DuplicateInProgressException.class::equals).hasSize(threads - 1);
        assertThat(deduplicatedCount()).as("bounced, not skipped: the first might still have failed").isZero();
        TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE));
        assertThat(runs).hasValue(1);
        assertThat(deduplicatedCount()).isEqualTo(1.0);
    }

    @Test
    void concurrentDeliveriesThatRetryUntilDoneRunEachMessageOnce() throws Exception {
        int threads = 8;
        int messages = 500;
        ConcurrentHashMap<String, AtomicInteger> runsById = new ConcurrentHashMap<>();
        Handler<SpecificRecord> handler = dedup.wrap(ROUTE, (message, context) ->
                runsById.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet());

        runConcurrently(threads, () -> {
            for (int i = 0; i < messages; i++) {
                deliverUntilDone(handler, message("m-" + i));
            }
            return null;
        });

        assertThat(runsById).hasSize(messages);
        assertThat(runsById.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(deduplicatedCount()).isEqualTo((double) messages * (threads - 1));
    }

    @Test
    void aDuplicateBouncedByAClaimThatThenFailsRunsOnItsRetry() throws Exception {
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch duplicateBounced = new CountDownLatch(1);
        Handler<SpecificRecord> handler = dedup.wrap(ROUTE, (message, context) -> {
            if (runs.incrementAndGet() == 1) {
                claimed.countDown();
                duplicateBounced.await(10, TimeUnit.SECONDS);
                throw new IllegalStateException("first delivery fails after the duplicate came");
            }
        });
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<?> failing = first.submit(() -> {
                TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE));
                return null;
            });
            assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> handler.handle(message("m-1"), new TestContext(ROUTE)))
                    .isInstanceOf(DuplicateInProgressException.class)
                    .hasMessageContaining("route 'reserve-stock'").hasMessageContaining("orders-0@42");
            duplicateBounced.countDown();
            assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasRootCauseMessage(
                    "first delivery fails after the duplicate came");

            TestContext.deliver(handler, message("m-1"), new TestContext(ROUTE, 2));
        } finally {
            first.shutdownNow();
        }
        assertThat(runs).as("the duplicate was not marked done; its retry ran").hasValue(2);
    }

    private static Message<SpecificRecord> message(String id) {
        return erased(orderPlaced("o-1")).id(id).build();
    }

    private double deduplicatedCount() {
        return registry.get("imsg.messages.deduplicated").counter().count();
    }

    private static void deliverUntilDone(Handler<SpecificRecord> handler, Message<SpecificRecord> message)
            throws Exception {
        while (true) {
            try {
                TestContext.deliver(handler, message, new TestContext(ROUTE));
                return;
            } catch (DuplicateInProgressException bounced) {
                Thread.onSpinWait(); // a retry topic would wait longer; here the holder finishes at once
            }
        }
    }

    private static void runConcurrently(int threads, Callable<Void> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            for (Future<Void> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
