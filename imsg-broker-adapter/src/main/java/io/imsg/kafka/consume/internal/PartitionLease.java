package io.imsg.kafka.consume.internal;

/**
 * What a worker may know and say about the partition of the record it is processing: whether the
 * partition is still this member's, and that a write it must not give up on (a dead letter, a
 * handler output) is failing. A stalled partition is paused, so it stops fetching while its
 * commit cannot move, and the other partitions keep flowing.
 */
interface PartitionLease {

    boolean isOwned();

    /**
     * Whether the partition is still assigned to this member, even if this record's work was
     * dropped by a rewind of the partition (then {@link #isOwned} is false). State about the
     * partition that outlives one record, such as ordered retry's parked keys, follows this.
     */
    default boolean isAssigned() {
        return isOwned();
    }

    /** A write for this partition failed and will be retried; pause fetching. */
    void writeStalled();

    /** The stalled write went through (or was abandoned); fetching may resume. */
    void writeRecovered();
}
