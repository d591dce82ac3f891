package io.imsg.examples.load;

import java.util.concurrent.locks.LockSupport;

/**
 * When each message is meant to be sent. At a fixed rate, message {@code n} is due at
 * {@code start + n / rate}, whether or not the sender kept up: latency is measured from that
 * intended time, so a stalled sender shows up in the percentiles instead of hiding (coordinated
 * omission). Unthrottled, a message is due when the sender gets to it.
 */
public final class Pacer {

    private final long start;
    private final double intervalNanos;

    private Pacer(long start, double intervalNanos) {
        this.start = start;
        this.intervalNanos = intervalNanos;
    }

    /** {@code ratePerSecond} 0 means unthrottled. */
    public static Pacer start(double ratePerSecond) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0, was " + ratePerSecond);
        }
        return new Pacer(System.nanoTime(), ratePerSecond == 0 ? 0 : 1e9 / ratePerSecond);
    }

    /** Waits until message {@code seq} is due and returns its intended send time (nanoTime). */
    public long awaitTurn(long seq) {
        if (intervalNanos == 0) {
            return System.nanoTime();
        }
        long intended = start + (long) (seq * intervalNanos);
        long wait;
        while ((wait = intended - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 1_000_000));
        }
        return intended;
    }

    long startNanos() {
        return start;
    }
}
