package io.imsg.kafka.consume.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts records (and their bytes) that were polled but not finished. The poll loop pauses its
 * partitions when either bound is exceeded and resumes them at half, so a slow handler bounds
 * memory without ever stopping {@code poll()} (which would cost the group membership).
 */
final class InFlight {

    private final int maxRecords;
    private final long maxBytes;
    private final AtomicInteger records = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    InFlight(int maxRecords, long maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    void acquire(long recordBytes) {
        records.incrementAndGet();
        bytes.addAndGet(recordBytes);
    }

    void release(long recordBytes) {
        records.decrementAndGet();
        bytes.addAndGet(-recordBytes);
    }

    boolean overLimit() {
        return records.get() >= maxRecords || bytes.get() >= maxBytes;
    }

    /**
     * Twice the bounds: priority lanes keep fetching under ordinary backpressure, since their work
     * is what must not wait, but not without limit.
     */
    boolean overHardLimit() {
        return records.get() >= 2L * maxRecords || bytes.get() >= 2 * maxBytes;
    }

    boolean belowResumeMark() {
        return records.get() <= maxRecords / 2 && bytes.get() <= maxBytes / 2;
    }

    int records() {
        return records.get();
    }

    long bytes() {
        return bytes.get();
    }
}
