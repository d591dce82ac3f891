package io.imsg.examples.demo;

import java.io.PrintWriter;

/**
 * One progress line on standard error. On a terminal the line is redrawn in place; otherwise (a
 * pipe, a log file, CI) a full line is written at most every few seconds, so logs stay short.
 */
final class Progress {

    private static final long QUIET_INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final boolean interactive;
    private long lastPrinted;
    private int lastLength;

    Progress(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    /** A progress line for a terminal when the JVM has one. */
    static Progress on(PrintWriter err) {
        return new Progress(err, System.console() != null);
    }

    void update(String line) {
        if (interactive) {
            // Pad over the rest of a longer previous line.
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            err.flush();
        } else if (System.nanoTime() - lastPrinted > QUIET_INTERVAL_NANOS) {
            err.println(line);
            err.flush();
            lastPrinted = System.nanoTime();
        }
    }

    /** Writes the final state and ends the line. */
    void finish(String line) {
        if (interactive) {
            update(line);
            err.println();
        } else {
            err.println(line);
        }
        err.flush();
    }
}
