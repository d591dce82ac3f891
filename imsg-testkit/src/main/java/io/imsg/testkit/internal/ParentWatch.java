package io.imsg.testkit.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a child JVM when its parent is gone.
 *
 * <p>The parent keeps the write end of the child's standard input open for as long as it
 * lives; the operating system closes it when the parent exits for any reason, a {@code kill -9}
 * included. A daemon thread in the child reads standard input until end of file and then halts
 * the JVM. Halting skips shutdown hooks on purpose: nobody is left to wait for a clean
 * shutdown, and a hook that hangs must never keep an orphan alive.
 */
public final class ParentWatch {

    /** The exit status of a child that stopped because its parent went away. */
    public static final int EXIT_PARENT_GONE = 86;

    private ParentWatch() {}

    /** Starts the watch on {@link System#in}; returns at once. */
    public static void haltWhenStdinCloses() {
        Thread watch = new Thread(() -> drainThenHalt(System.in), "imsg-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void drainThenHalt(InputStream stdin) {
        try {
            byte[] buffer = new byte[256];
            while (stdin.read(buffer) != -1) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone, exactly like end of file.
        }
        System.err.println("imsg-parent-watch: standard input closed, the parent JVM is gone; halting");
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_PARENT_GONE);
    }
}
