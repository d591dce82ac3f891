package io.imsg.kafka.consume.internal;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks on a worker pool so that tasks with the same key run one at a time, in submission
 * order, while different keys run in parallel. A null key means "no ordering".
 *
 * <p>A key with work has an entry in {@code queues}; its first task starts a chain on a worker
 * that keeps taking the key's next task until the queue is empty, then removes the entry. The
 * per-key step is done inside {@link ConcurrentHashMap#compute}, which makes "enqueue or start"
 * and "take next or finish" atomic with respect to each other. Tasks must not throw.
 */
final class KeyedExecutor {

    private final ExecutorService pool;
    private final ConcurrentHashMap<Object, ArrayDeque<Runnable>> queues = new ConcurrentHashMap<>();

    KeyedExecutor(ExecutorService pool) {
        this.pool = pool;
    }

    void submit(Object key, Runnable task) {
        if (key == null) {
            pool.execute(task);
            return;
        }
        boolean[] startChain = {false};
        queues.compute(key, (k, queue) -> {
            if (queue == null) {
                startChain[0] = true;
                return new ArrayDeque<>(2);
            }
            queue.addLast(task);
            return queue;
        });
        if (startChain[0]) {
            pool.execute(() -> runChain(key, task));
        }
    }

    private void runChain(Object key, Runnable first) {
        Runnable next = first;
        while (next != null) {
            if (!pool.isShutdown()) {
                Thread.interrupted(); // an interrupt leaked by one task must not fail the key's next one
            }
            next.run();
            next = takeNext(key);
        }
    }

    private Runnable takeNext(Object key) {
        Runnable[] next = {null};
        queues.compute(key, (k, queue) -> {
            next[0] = queue.pollFirst();
            return next[0] == null ? null : queue;
        });
        return next[0];
    }

    /** Keys that currently have work; for tests and diagnostics. */
    int activeKeys() {
        return queues.size();
    }

    void shutdown(long timeout, TimeUnit unit) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(timeout, unit)) {
            pool.shutdownNow();
        }
    }
}
