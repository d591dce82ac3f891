package io.imsg.kafka.consume.internal;

import io.imsg.kafka.internal.Backoff;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A write that must not be given up (a dead letter, a retry record, a handler output): it backs off
 * between tries and keeps its partition paused from the first failure until {@link #end()}, so the
 * partition stops fetching while its commit cannot move. Not thread-safe: one per write loop.
 */
final class WriteStall {

    private static final Duration BACKOFF_START = Duration.ofMillis(100);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(5);

    private final PartitionLease lease;
    private Backoff backoff;

    WriteStall(PartitionLease lease) {
        this.lease = lease;
    }

    /** Waits before the next try; false when the partition is gone or the thread interrupted. */
    boolean pause() {
        if (backoff == null) {
            backoff = new Backoff(BACKOFF_START, BACKOFF_MAX);
            lease.writeStalled();
        }
        return lease.isOwned() && backoff.pause();
    }

    /** Ends the stall, if there was one; call it in a finally block. */
    void end() {
        if (backoff != null) {
            lease.writeRecovered();
        }
    }

    /** Retries {@code write} until the broker acknowledges it or the partition is no longer owned. */
    static boolean untilWritten(PartitionLease lease, Supplier<CompletableFuture<?>> write,
            Consumer<Throwable> onFailure) {
        WriteStall stall = new WriteStall(lease);
        try {
            while (true) {
                Throwable failure = await(write.get());
                if (failure == null) {
                    return true;
                }
                onFailure.accept(failure);
                if (!stall.pause()) {
                    return false;
                }
            }
        } finally {
            stall.end();
        }
    }

    /** Waits for a write; returns its failure, or null on success. */
    static Throwable await(CompletableFuture<?> write) {
        try {
            write.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
