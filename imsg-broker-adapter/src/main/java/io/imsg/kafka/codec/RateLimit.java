package io.imsg.kafka.codec;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Lets at most one caller through per interval; the others are refused at once, never queued. */
final class RateLimit {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong nextAllowed;

    RateLimit(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.nextAllowed = new AtomicLong(nanoClock.getAsLong());
    }

    boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        long allowedAt = nextAllowed.get();
        // Compared as a difference: System.nanoTime() values may wrap.
        return now - allowedAt >= 0 && nextAllowed.compareAndSet(allowedAt, now + intervalNanos);
    }
}
