package io.imsg.kafka.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter, for retrying writes that must eventually succeed (dead
 * letters, handler outputs). Not thread-safe: one per retry loop.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long nextCeiling;

    public Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.nextCeiling = initialMillis;
    }

    /** Sleeps for the next delay; returns false if interrupted (the interrupt flag is kept). */
    public boolean pause() {
        long delay = ThreadLocalRandom.current().nextLong(initialMillis / 2, nextCeiling + 1);
        nextCeiling = Math.min(maxMillis, nextCeiling * 2);
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
