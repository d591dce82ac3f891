package io.imsg.kafka.consume.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * One assigned partition, for as long as it stays assigned. A reassignment creates a new state,
 * so work queued under an old assignment sees {@link #revoked} and is dropped, never committed.
 */
final class PartitionState implements PartitionLease {

    final TopicPartition partition;
    final PartitionOffsets offsets = new PartitionOffsets();
    /**
     * Workers currently inside a record of this partition; revocation waits for them. Shared with
     * the states a rewind supersedes, whose workers may still be finishing a record.
     */
    final AtomicInteger running;
    private volatile boolean revoked;
    /** The state that replaced this one after a rewind within the same assignment; null otherwise. */
    private volatile PartitionState successor;
    /** Workers retrying a write for this partition; while positive the partition is paused. */
    private final AtomicInteger stalledWrites = new AtomicInteger();
    /** The lowest offset a worker left unfinished and asked to be consumed again, or -1. */
    private final AtomicLong redeliverFrom = new AtomicLong(-1);
    /** Last offset the broker confirmed as committed; written by the poll thread only. */
    long committed = -1;

    PartitionState(TopicPartition partition) {
        this(partition, new AtomicInteger());
    }

    private PartitionState(TopicPartition partition, AtomicInteger running) {
        this.partition = partition;
        this.running = running;
    }

    /** The state that replaces this one when the partition's tracking restarts within one assignment. */
    PartitionState restarted() {
        PartitionState next = new PartitionState(partition, running);
        supersedeWith(next);
        return next;
    }

    boolean isRevoked() {
        return revoked;
    }

    void revoke() {
        revoked = true;
    }

    /**
     * Ends this state because the partition's tracking restarted within the same assignment (a
     * rewind): its work is dropped like a revoked state's, but the partition is still assigned.
     */
    private void supersedeWith(PartitionState next) {
        successor = next;
        revoked = true;
    }

    @Override
    public boolean isOwned() {
        return !revoked;
    }

    @Override
    public boolean isAssigned() {
        PartitionState state = this;
        // revoked before successor: supersedeWith writes them the other way round, so a state seen
        // revoked already shows its successor, if it has one.
        while (state.revoked) {
            PartitionState next = state.successor;
            if (next == null) {
                return false;
            }
            state = next;
        }
        return true;
    }

    @Override
    public void writeStalled() {
        stalledWrites.incrementAndGet();
    }

    @Override
    public void writeRecovered() {
        stalledWrites.decrementAndGet();
    }

    boolean isStalled() {
        return stalledWrites.get() > 0;
    }

    /** Asks the poll thread to consume this partition again from {@code offset} (workers). */
    void redeliverFrom(long offset) {
        redeliverFrom.accumulateAndGet(offset, (current, asked) -> current < 0 ? asked : Math.min(current, asked));
    }

    /** The offset to consume again from, or -1; clears the request (poll thread). */
    long takeRedelivery() {
        return redeliverFrom.getAndSet(-1);
    }
}
