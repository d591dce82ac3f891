package io.imsg.kafka.consume.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Priority-lane work goes ahead of ordinary work waiting for a worker, without breaking key order. */
class UrgentWorkTest {

    private final KeyedExecutor executor = new KeyedExecutor(
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, KeyedExecutor.newQueue()), 1);
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void shutdown() throws InterruptedException {
        executor.shutdown(5, TimeUnit.SECONDS);
    }

    @Test
    void urgentTasksRunBeforeOrdinaryOnesThatWereQueuedEarlier() throws Exception {
        executor.submit("busy", () -> await(release));
        executor.submit("a", () -> ran.add("a"));
        executor.submit("b", () -> ran.add("b"));
        executor.submit("x", true, () -> ran.add("urgent"));
        CountDownLatch done = new CountDownLatch(1);
        executor.submit("c", () -> done.countDown());

        release.countDown();

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("urgent", "a", "b");
    }

    @Test
    void aKeysChainStepsAsideForUrgentWorkAndKeepsItsOrder() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        executor.submit("k", () -> {
            firstRunning.countDown();
            await(release);
            ran.add("k1");
        });
        executor.submit("k", () -> ran.add("k2"));
        executor.submit("k", () -> ran.add("k3"));
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
        executor.submit("x", true, () -> ran.add("urgent"));

        release.countDown();

        // The key's chain goes back in line after the urgent task, so wait for its last task.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> ran.size() == 4);
        assertThat(ran).containsExactly("k1", "urgent", "k2", "k3");
    }

    @Test
    void heldOrdinaryTasksWaitWhileUrgentOnesRunAndThenRunInOrder() throws Exception {
        executor.holdOrdinary();
        executor.submit("a", () -> ran.add("a"));
        executor.submit("b", () -> ran.add("b"));
        CountDownLatch urgentDone = new CountDownLatch(1);
        executor.submit("x", true, () -> {
            ran.add("urgent");
            urgentDone.countDown();
        });
        assertThat(urgentDone.await(5, TimeUnit.SECONDS)).isTrue();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> executor.heldTasks() == 2);
        assertThat(ran).containsExactly("urgent");

        CountDownLatch done = new CountDownLatch(1);
        executor.releaseOrdinary();
        executor.submit("c", () -> done.countDown());

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("urgent", "a", "b");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
