package io.imsg.examples.load;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/** Counts sends and their outcomes, so a run can wait until every send was answered. */
final class Acks {

    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();

    void sent() {
        sent.increment();
    }

    void answered(Throwable failure) {
        (failure == null ? acked : failed).increment();
    }

    /** Waits until every send was answered; returns how many failed. */
    long await() {
        while (acked.sum() + failed.sum() < sent.sum()) {
            LockSupport.parkNanos(1_000_000);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for acknowledgements");
            }
        }
        return failed.sum();
    }
}
