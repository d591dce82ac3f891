package io.imsg.testkit.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When things happened in a fault run, in milliseconds since it began: faults injected and
 * milestones reached. Liveness is measured from {@link #sinceLastFault()}: RELIABILITY.md wants
 * lag back to 0 within 60 s of the last fault. Thread-safe.
 */
public final class FaultTimeline {

    private final long startNanos = System.nanoTime();
    private final List<String> events = new ArrayList<>();
    private long lastFaultNanos = -1;
    private int faults;

    /** Notes a milestone (not a fault). */
    public synchronized void mark(String event) {
        events.add(String.format("%7.1fs  %s", elapsed().toMillis() / 1000.0, event));
    }

    /** Notes a fault, or the end of one (a restart, a resume): the liveness clock restarts here. */
    public synchronized void fault(String event) {
        mark("FAULT " + event);
        lastFaultNanos = System.nanoTime();
        faults++;
    }

    /** Time since the run began. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Time since the last {@link #fault}, or since the run began if there was none. */
    public synchronized Duration sinceLastFault() {
        long from = lastFaultNanos < 0 ? startNanos : lastFaultNanos;
        return Duration.ofNanos(System.nanoTime() - from);
    }

    /** How many fault events were noted. */
    public synchronized int faults() {
        return faults;
    }

    @Override
    public synchronized String toString() {
        return String.join(System.lineSeparator(), events);
    }
}
