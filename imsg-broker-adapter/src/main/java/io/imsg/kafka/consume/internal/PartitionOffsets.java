package io.imsg.kafka.consume.internal;

/**
 * The offsets of one partition that were polled but not yet committed, and which of them are
 * finished. The committable position is one past the end of the contiguous finished prefix, so an
 * unfinished record is never passed over, whatever order workers finish in.
 *
 * <p>The poll thread tracks offsets in increasing order; workers complete them. Offsets need not
 * be consecutive (compaction and transaction markers leave gaps). A ring buffer of primitives
 * keeps the per-record cost to a binary search and no allocation.
 */
final class PartitionOffsets {

    private long[] offsets = new long[256];
    private boolean[] finished = new boolean[256];
    private int head;
    private int size;
    private long committable = -1;

    /** True when {@code offset} is past every tracked or finished offset. */
    synchronized boolean canTrack(long offset) {
        return size > 0 ? offset > offsets[index(size - 1)] : offset >= committable;
    }

    /** Registers a polled record; offsets must increase. */
    synchronized void track(long offset) {
        if (!canTrack(offset)) {
            throw new IllegalStateException("offset " + offset + " tracked out of order");
        }
        if (size == offsets.length) {
            grow();
        }
        int slot = index(size);
        offsets[slot] = offset;
        finished[slot] = false;
        size++;
    }

    /** Marks a tracked record finished (handled, or durably dead-lettered). */
    synchronized void complete(long offset) {
        int position = find(offset);
        if (position < 0) {
            throw new IllegalStateException("offset " + offset + " is not tracked");
        }
        finished[index(position)] = true;
        while (size > 0 && finished[head]) {
            committable = offsets[head] + 1;
            head = (head + 1) % offsets.length;
            size--;
        }
    }

    /** The offset to commit (next record to read), or -1 when nothing finished yet. */
    synchronized long committable() {
        return committable;
    }

    synchronized int pending() {
        return size;
    }

    /** The lowest tracked offset not yet finished, or -1 when none is. */
    synchronized long firstUnfinished() {
        return size > 0 ? offsets[head] : -1; // the head is always unfinished: complete() moves past finished ones
    }

    private int find(long offset) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long value = offsets[index(mid)];
            if (value < offset) {
                low = mid + 1;
            } else if (value > offset) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private int index(int position) {
        return (head + position) % offsets.length;
    }

    private void grow() {
        long[] newOffsets = new long[offsets.length * 2];
        boolean[] newFinished = new boolean[offsets.length * 2];
        for (int i = 0; i < size; i++) {
            newOffsets[i] = offsets[index(i)];
            newFinished[i] = finished[index(i)];
        }
        offsets = newOffsets;
        finished = newFinished;
        head = 0;
    }

    @Override
    public synchronized String toString() {
        return "PartitionOffsets{pending=" + size + ", committable=" + committable + ", head="
                + (size > 0 ? offsets[head] : "-") + "}";
    }
}
