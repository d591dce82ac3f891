package io.imsg.kafka.consume.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedExecutorTest {

    private final KeyedExecutor executor = new KeyedExecutor(Executors.newFixedThreadPool(8), 8);

    @AfterEach
    void shutdown() throws InterruptedException {
        executor.shutdown(5, TimeUnit.SECONDS);
    }

    @Test
    void tasksOfOneKeyRunOneAtATimeInSubmissionOrder() throws InterruptedException {
        int keys = 50;
        int perKey = 200;
        Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(keys * perKey);
        for (int i = 0; i < perKey; i++) {
            for (int key = 0; key < keys; key++) {
                int k = key;
                int sequence = i;
                executor.submit("key-" + k, () -> {
                    if (running.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    seen.computeIfAbsent(k, x -> Collections.synchronizedList(new ArrayList<>())).add(sequence);
                    running.get(k).decrementAndGet();
                    done.countDown();
                });
            }
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps).hasValue(0);
        for (List<Integer> sequence : seen.values()) {
            assertThat(sequence).isSorted().hasSize(perKey);
        }
        // The last task counts down before its chain lets go of the key, so give the chain a moment.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> executor.activeKeys() == 0);
    }

    @Test
    void differentKeysRunInParallel() throws InterruptedException {
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        for (String key : List.of("a", "b")) {
            executor.submit(key, () -> {
                bothStarted.countDown();
                await(release);
            });
        }

        assertThat(bothStarted.await(5, TimeUnit.SECONDS)).as("second key started while the first ran").isTrue();
        release.countDown();
    }

    @Test
    void aSlowKeyDoesNotHoldBackOtherKeys() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherDone = new CountDownLatch(1);
        executor.submit("slow", () -> await(release));
        executor.submit("slow", () -> { });
        executor.submit("fast", otherDone::countDown);

        assertThat(otherDone.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();
    }

    @Test
    void blockedTasksGetEveryWorkerButNeverMore() throws InterruptedException {
        // Drainers start only for work the idle ones cannot cover: tasks that block (a handler in
        // an in-process retry backoff, say) must still get a worker each, up to the worker count.
        int keys = 20;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch eightStarted = new CountDownLatch(8);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(keys);
        for (int key = 0; key < keys; key++) {
            executor.submit("key-" + key, () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                eightStarted.countDown();
                await(release);
                running.decrementAndGet();
                done.countDown();
            });
        }

        assertThat(eightStarted.await(5, TimeUnit.SECONDS)).as("all 8 workers took a blocked task").isTrue();
        Thread.sleep(200); // a chance for a ninth task to start, which it must not
        assertThat(mostAtOnce).hasValue(8);
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).as("the other 12 ran once workers were free").isTrue();
        assertThat(mostAtOnce).hasValue(8);
    }

    @Test
    void anInterruptLeakedByATaskDoesNotReachTheNextTaskWithoutAKey() throws InterruptedException {
        KeyedExecutor oneWorker = new KeyedExecutor(Executors.newFixedThreadPool(1), 1);
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            AtomicInteger interruptedAtStart = new AtomicInteger(-1);
            // All three queue behind the first, so one drainer runs them back to back on one thread.
            oneWorker.submit(null, () -> await(release));
            oneWorker.submit(null, () -> Thread.currentThread().interrupt());
            oneWorker.submit(null, () -> {
                interruptedAtStart.set(Thread.currentThread().isInterrupted() ? 1 : 0);
                done.countDown();
            });
            release.countDown();

            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(interruptedAtStart).as("the next record's worker starts uninterrupted").hasValue(0);
        } finally {
            oneWorker.shutdown(5, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
