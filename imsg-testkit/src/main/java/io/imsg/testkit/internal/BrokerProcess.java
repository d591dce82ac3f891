package io.imsg.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM, addressed only through its own process id: signals go to that pid, never to
 * processes found by name.
 *
 * <p>The child's standard input is a pipe this object keeps open; the child's
 * {@link ParentWatch} halts it when the pipe closes, which the operating system does when this
 * JVM dies. Its standard output and error are appended to one file.
 *
 * <p>Not thread-safe; its owner serializes calls.
 */
public final class BrokerProcess {

    private final Process process;
    private boolean suspended;

    private BrokerProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code command} in {@code workDir}, appending its output to {@code outputFile}.
     *
     * @throws UncheckedIOException if the process cannot be started
     */
    public static BrokerProcess start(List<String> command, Path workDir, Path outputFile) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            return new BrokerProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0), e);
        }
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the child has not exited yet (a suspended child is alive). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status, if the child has exited. */
    public OptionalInt exitStatus() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Asks the child to stop (SIGTERM, so Kafka shuts down cleanly) and waits up to
     * {@code timeout}; then kills it (SIGKILL). Returns once the child has exited.
     */
    public void stop(Duration timeout) {
        if (!process.isAlive()) {
            return;
        }
        requestStop();
        if (!waitFor(timeout)) {
            kill();
        }
    }

    /**
     * Asks the child to stop (SIGTERM) and returns at once; no-op if it has exited. Lets an
     * owner of several children stop them all at the same time, then {@link #waitFor} each.
     */
    public void requestStop() {
        if (!process.isAlive()) {
            return;
        }
        resume(); // a stopped process would hold SIGTERM pending forever
        // Through the handle, not Process.destroy(): that also closes the child's standard
        // input, so the child's ParentWatch would halt it before Kafka has shut down cleanly.
        process.toHandle().destroy();
    }

    /** Kills the child (SIGKILL), as a crash would, and waits until it has exited. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
        suspended = false;
    }

    /** Freezes the child ({@code kill -STOP <pid>}): it keeps its sockets but answers nothing. */
    public void suspend() {
        signal("-STOP");
        suspended = true;
    }

    /** Thaws a child frozen by {@link #suspend()} ({@code kill -CONT <pid>}); no-op otherwise. */
    public void resume() {
        if (suspended && process.isAlive()) {
            signal("-CONT");
        }
        suspended = false;
    }

    /** Whether {@link #suspend()} was called without {@link #resume()} since. */
    public boolean isSuspended() {
        return suspended;
    }

    /**
     * Closes the child's standard input, as the death of this JVM would; the child then halts.
     * For tests of the parent watch.
     */
    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the standard input of pid " + pid(), e);
        }
    }

    /** Waits up to {@code timeout} for the child to exit; true if it has. */
    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void signal(String signal) {
        String pid = String.valueOf(pid());
        try {
            Process kill = new ProcessBuilder("kill", signal, pid).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run kill " + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + signal + " to " + pid, e);
        }
    }
}
