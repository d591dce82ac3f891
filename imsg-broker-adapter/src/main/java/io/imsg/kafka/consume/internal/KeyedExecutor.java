package io.imsg.kafka.consume.internal;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks on a worker pool so that tasks with the same key run one at a time, in submission
 * order, while different keys run in parallel. A null key means "no ordering". Urgent tasks (from
 * priority lanes) go ahead of the others waiting for a worker, and a worker running a key's chain
 * of ordinary tasks steps aside between two of them while urgent work waits.
 *
 * <p>A key with work has an entry in {@code queues}; its first task starts a chain on a worker
 * that keeps taking the key's next task until the queue is empty, then removes the entry. The
 * per-key step is done inside {@link ConcurrentHashMap#compute}, which makes "enqueue or start"
 * and "take next or finish" atomic with respect to each other. Tasks must not throw.
 */
final class KeyedExecutor {

    private final ExecutorService pool;
    private final ConcurrentHashMap<Object, ArrayDeque<Runnable>> queues = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger urgentWaiting = new AtomicInteger();
    /** Ordinary tasks a worker picked while they were held back, in the order they were picked. */
    private final ConcurrentLinkedQueue<Ranked> held = new ConcurrentLinkedQueue<>();
    private volatile boolean holdOrdinary;

    /** @param pool a pool whose queue orders {@link Ranked} tasks, see {@link #newQueue()} */
    KeyedExecutor(ExecutorService pool) {
        this.pool = pool;
    }

    /** The work queue the pool must use: urgent first, then first come, first served. */
    static BlockingQueue<Runnable> newQueue() {
        return new PriorityBlockingQueue<>();
    }

    void submit(Object key, Runnable task) {
        submit(key, false, task);
    }

    void submit(Object key, boolean urgent, Runnable task) {
        if (key == null) {
            execute(urgent, task);
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
            execute(urgent, () -> runChain(key, task, urgent));
        }
    }

    private void execute(boolean urgent, Runnable task) {
        if (urgent) {
            urgentWaiting.incrementAndGet();
        }
        pool.execute(new Ranked(urgent, sequence.incrementAndGet(), task, this));
    }

    /**
     * Holds ordinary tasks back while urgent work is about: a worker that picks one sets it aside
     * and takes the next task, so the CPU goes to urgent tasks and to the poll thread that fetches
     * them, not to a backlog of ordinary ones. Poll thread only.
     */
    void holdOrdinary() {
        holdOrdinary = true;
    }

    /** Runs what was held, in the order it was picked, and stops holding. Poll thread only. */
    void releaseOrdinary() {
        holdOrdinary = false;
        for (Ranked task = held.poll(); task != null; task = held.poll()) {
            pool.execute(task);
        }
    }

    /** Ordinary tasks set aside right now; for tests. */
    int heldTasks() {
        return held.size();
    }

    private void runChain(Object key, Runnable first, boolean urgent) {
        Runnable next = first;
        while (next != null) {
            if (!pool.isShutdown()) {
                Thread.interrupted(); // an interrupt leaked by one task must not fail the key's next one
            }
            next.run();
            if (!urgent && (urgentWaiting.get() > 0 || holdOrdinary)) {
                // The key keeps its queue entry, so its order holds while the chain waits its turn again.
                execute(false, () -> continueChain(key));
                return;
            }
            next = takeNext(key);
        }
    }

    private void continueChain(Object key) {
        Runnable next = takeNext(key);
        if (next != null) {
            runChain(key, next, false);
        }
    }

    /** A pool task: urgent ones first, then in submission order. */
    private record Ranked(boolean urgent, long sequence, Runnable task, KeyedExecutor owner)
            implements Runnable, Comparable<Ranked> {

        @Override
        public void run() {
            if (urgent) {
                owner.urgentWaiting.decrementAndGet();
            } else if (owner.holdOrdinary) {
                owner.held.add(this);
                if (!owner.holdOrdinary && owner.held.remove(this)) {
                    task.run(); // released while being set aside: nobody else will run it
                }
                return;
            }
            task.run();
        }

        @Override
        public int compareTo(Ranked other) {
            if (urgent != other.urgent) {
                return urgent ? -1 : 1;
            }
            return Long.compare(sequence, other.sequence);
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
        releaseOrdinary();
        pool.shutdown();
        if (!pool.awaitTermination(timeout, unit)) {
            pool.shutdownNow();
        }
    }
}
