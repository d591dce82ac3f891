package io.imsg.kafka.consume.internal;

import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a worker pool so that tasks with the same key run one at a time, in submission
 * order, while different keys run in parallel. A null key means "no ordering". Urgent tasks (from
 * priority lanes) go ahead of the others waiting for a worker, and a worker running a key's chain
 * of ordinary tasks steps aside between two of them while urgent work waits.
 *
 * <p>A key with work has an entry in {@code queues}; its first task starts a chain that keeps
 * taking the key's next task until the queue is empty, then removes the entry. The per-key step is
 * done inside {@link ConcurrentHashMap#compute}, which makes "enqueue or start" and "take next or
 * finish" atomic with respect to each other. Tasks must not throw.
 *
 * <p><b>Why drainers.</b> A chain ready to run waits in a lock-free ready queue, and the pool runs
 * <em>drainers</em>: each takes ready work until none is left. A new drainer is started only when
 * the idle ones are fewer than the work waiting, so a steady stream of records wakes no thread at
 * all while the drainers keep up. Handing each record to the pool on its own (as this class did
 * before) cost a lock and, most of the time, a thread wake-up per record on the poll thread.
 */
final class KeyedExecutor {

    private final ExecutorService pool;
    private final int maxDrainers;
    private final ConcurrentHashMap<Object, ArrayDeque<Runnable>> queues = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Ranked> urgentReady = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Ranked> ordinaryReady = new ConcurrentLinkedQueue<>();
    /** Tasks in the two ready queues. */
    private final AtomicInteger ready = new AtomicInteger();
    /** Drainers started and not yet finished. */
    private final AtomicInteger drainers = new AtomicInteger();
    /** Drainers inside a task right now; the others are about to take the next one. */
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger urgentWaiting = new AtomicInteger();
    /** Ordinary tasks a drainer picked while they were held back, in the order they were picked. */
    private final ConcurrentLinkedQueue<Ranked> held = new ConcurrentLinkedQueue<>();
    private volatile boolean holdOrdinary;

    /**
     * @param pool a pool of {@code workers} threads that runs only this executor's drainers
     * @param workers how many tasks may run at once
     */
    KeyedExecutor(ExecutorService pool, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        this.pool = pool;
        this.maxDrainers = workers;
    }

    /** The work queue the pool should use: it holds drainers only, never more than {@code workers}. */
    static BlockingQueue<Runnable> newQueue() {
        return new LinkedBlockingQueue<>();
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
        enqueue(new Ranked(urgent, task, this));
    }

    private void enqueue(Ranked task) {
        (task.urgent() ? urgentReady : ordinaryReady).add(task);
        ready.incrementAndGet();
        startDrainersForReadyWork();
    }

    /** Starts drainers until the idle ones cover the waiting work, within the worker count. */
    private void startDrainersForReadyWork() {
        while (true) {
            int running = drainers.get();
            if (running >= maxDrainers || running - busy.get() >= ready.get()) {
                return;
            }
            if (drainers.compareAndSet(running, running + 1)) {
                try {
                    pool.execute(this::drain);
                } catch (RejectedExecutionException shutDown) {
                    // Closing: the drainers still running take what is queued.
                    drainers.decrementAndGet();
                    return;
                }
            }
        }
    }

    private void drain() {
        do {
            while (true) {
                // Busy before the poll: counted idle between taking a task and starting it, this
                // drainer would let a submit start no drainer while the others sit idle.
                busy.incrementAndGet();
                Ranked task = nextReady();
                if (task == null) {
                    busy.decrementAndGet();
                    break;
                }
                try {
                    if (!pool.isShutdown()) {
                        Thread.interrupted(); // an interrupt leaked by the last task must not fail this one
                    }
                    task.run();
                } finally {
                    busy.decrementAndGet();
                }
            }
            drainers.decrementAndGet();
            // Work enqueued after the last poll may have counted this drainer as idle and started none.
            // The queues, not the counter, say so: the counter trails a poll that another drainer made.
        } while (!(urgentReady.isEmpty() && ordinaryReady.isEmpty()) && rejoin());
    }

    private boolean rejoin() {
        while (true) {
            int running = drainers.get();
            if (running >= maxDrainers) {
                return false; // the drainers that are running take it
            }
            if (drainers.compareAndSet(running, running + 1)) {
                return true;
            }
        }
    }

    private Ranked nextReady() {
        Ranked task = urgentReady.poll();
        if (task == null) {
            task = ordinaryReady.poll();
        }
        if (task != null) {
            ready.decrementAndGet();
        }
        return task;
    }

    /**
     * Holds ordinary tasks back while urgent work is about: a drainer that picks one sets it aside
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
            enqueue(task);
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

    /** A ready task: urgent ones are taken first, each kind in the order it became ready. */
    private record Ranked(boolean urgent, Runnable task, KeyedExecutor owner) implements Runnable {

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
