package io.imsg.examples.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the handlers of one load run saw: which sequence numbers finished (each counted once, so
 * redeliveries show up as duplicates rather than as progress), failed attempts, dead letters,
 * attempts handled out of their key's order, and the latency of each first finish from its
 * intended send time. Thread-safe and allocation-free on the per-message path.
 *
 * <p>The order check relies on how the load is sent: one thread sends the messages in sequence
 * order, and the keys are cycled through ({@link LoadSettings#keyOf}), so the previous message of
 * the key of {@code seq} is {@code seq - keys}, and it is ahead in the same partition. A consumer
 * that keeps per-key order handles the messages of a key one at a time in that order, so every
 * attempt at a message starts after the previous message of its key has finished; an attempt that
 * starts earlier is counted. Since every finish follows its own start, that also covers messages
 * finishing out of order. Pass-through producer settings that break the
 * premise (a custom partitioner, or idempotence off with retries on the raw producer) would be
 * reported as violations too, and so would a message whose predecessor was never acknowledged;
 * such a run fails on its send failures anyway. If two members handle one key during a
 * rebalance, a redelivery can start before the first attempt finished and be counted; runs
 * without rebalances never see that.
 */
final class LoadProbe {

    private static final long MAX_LATENCY_MICROS = TimeUnit.HOURS.toMicros(1);

    private final long expected;
    private final int keys;
    private final AtomicLongArray finishedBits;
    private final LongAdder outOfKeyOrder = new LongAdder();
    private final AtomicLong finished = new AtomicLong();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder failedAttempts = new LongAdder();
    private final LongAdder deadLetters = new LongAdder();
    private final AtomicLong firstFinish = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastFinish = new AtomicLong(Long.MIN_VALUE);
    private final Recorder latency = new Recorder(MAX_LATENCY_MICROS, 3);

    /** A probe of {@code expected} messages sent over {@code keys} keys (0: without keys, no order check). */
    LoadProbe(long expected, int keys) {
        if (expected < 1 || expected > Integer.MAX_VALUE * 64L) {
            throw new IllegalArgumentException("messages must be between 1 and " + Integer.MAX_VALUE * 64L
                    + ", was " + expected);
        }
        if (keys < 0) {
            throw new IllegalArgumentException("keys must be >= 0, was " + keys);
        }
        this.expected = expected;
        this.keys = keys;
        this.finishedBits = new AtomicLongArray((int) ((expected + 63) / 64));
    }

    /** Message {@code seq} was handled; latency runs from {@code intendedNanos} to now. */
    void succeeded(long seq, long intendedNanos) {
        long now = System.nanoTime();
        if (markFinished(seq, now)) {
            latency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, (now - intendedNanos) / 1_000)));
        }
    }

    /** Message {@code seq} failed for good; the dead-letter topic takes it from here. */
    void deadLettered(long seq) {
        if (markFinished(seq, System.nanoTime())) {
            deadLetters.increment();
        }
    }

    /**
     * An attempt at message {@code seq} begins (every attempt, retries included): the previous
     * message of its key must have finished by now.
     */
    void started(long seq) {
        checkInRun(seq);
        if (keys > 0 && seq >= keys && !isFinished(seq - keys)) {
            outOfKeyOrder.increment();
        }
    }

    void failedAttempt() {
        failedAttempts.increment();
    }

    private boolean markFinished(long seq, long now) {
        checkInRun(seq);
        int word = (int) (seq >>> 6);
        long bit = 1L << (seq & 63);
        long old;
        do {
            old = finishedBits.get(word);
            if ((old & bit) != 0) {
                duplicates.increment();
                return false;
            }
        } while (!finishedBits.compareAndSet(word, old, old | bit));
        firstFinish.accumulateAndGet(now, Math::min);
        lastFinish.accumulateAndGet(now, Math::max);
        finished.incrementAndGet();
        return true;
    }

    private boolean isFinished(long seq) {
        return (finishedBits.get((int) (seq >>> 6)) & (1L << (seq & 63))) != 0;
    }

    private void checkInRun(long seq) {
        if (seq < 0 || seq >= expected) {
            throw new IllegalArgumentException("sequence number " + seq + " is outside this run's 0.." + (expected - 1));
        }
    }

    boolean complete() {
        return finished.get() >= expected;
    }

    long expected() {
        return expected;
    }

    long finished() {
        return finished.get();
    }

    long duplicates() {
        return duplicates.sum();
    }

    /** Attempts that started before the previous message of their key had finished. */
    long outOfKeyOrder() {
        return outOfKeyOrder.sum();
    }

    long failedAttempts() {
        return failedAttempts.sum();
    }

    long deadLetters() {
        return deadLetters.sum();
    }

    long firstFinishNanos() {
        return firstFinish.get();
    }

    long lastFinishNanos() {
        return lastFinish.get();
    }

    /** Everything recorded since the previous call (the first call: since the start). */
    Histogram latencySinceLastCall() {
        return latency.getIntervalHistogram();
    }
}
