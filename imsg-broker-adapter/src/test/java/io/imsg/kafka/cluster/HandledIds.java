package io.imsg.kafka.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the handler saw: each message id with how often it was handled. Thread-safe. */
final class HandledIds {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicLong invocations = new AtomicLong();

    /** Called by the handler, once per successful handling. */
    void record(String id) {
        counts.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
        invocations.incrementAndGet();
    }

    /** The distinct ids handled so far. */
    Set<String> ids() {
        return Set.copyOf(counts.keySet());
    }

    long invocations() {
        return invocations.get();
    }

    /** Handlings beyond the first of each id: what at-least-once delivery repeated. */
    long duplicates() {
        return invocations.get() - counts.size();
    }

    /** Waits until every id of {@code expected} was handled; false at the timeout. */
    boolean awaitAll(Set<String> expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!counts.keySet().containsAll(expected)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
