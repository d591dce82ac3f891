package io.imsg.kafka.consume.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes a partition again when a worker left a record unfinished while the partition stayed
 * assigned: an {@code onSettled} action failed after the outputs were published, or the worker was
 * interrupted outside a shutdown. Without this the record would hold the partition's commits where
 * they are until the next rebalance, as the records behind it piled up. The partition is consumed
 * again from its first unfinished record, which may be below the one that asked.
 *
 * <p>The partition is rewound and held back for a delay that doubles each time the same record
 * comes back (1 s up to 30 s), so a failure that persists (a database that is down) replays the
 * record slowly instead of in a loop. Poll thread only.
 */
final class Redeliveries {

    private static final Logger log = LoggerFactory.getLogger(Redeliveries.class);
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final RetryHold hold;
    /** Told the topic of each rewind, for the redeliveries meter. */
    private final Consumer<String> rewound;
    /**
     * Per partition, the last rewind: the tracking it was for, the offset, how many times in a row
     * that offset was rewound to, and when the partition fetches again.
     */
    private final Map<TopicPartition, Repeat> repeats = new HashMap<>();

    private record Repeat(PartitionState state, long offset, int times, long due) {}

    Redeliveries(RetryHold hold, Consumer<String> rewound) {
        this.hold = hold;
        this.rewound = rewound;
    }

    /** Rewinds every owned partition whose workers asked for a redelivery since the last call. */
    void rewindRequested(Collection<PartitionState> states) {
        for (PartitionState state : states) {
            long asked = state.takeRedelivery();
            if (asked < 0 || !state.isOwned()) {
                continue;
            }
            // From the first record still unfinished, not from the one that asked: the restart that
            // follows the re-fetch drops the old tracking, so a record below it that is still queued,
            // running or writing its dead letter would otherwise be committed past. It also keeps a
            // later request (a higher offset, before the re-fetch) from moving the rewind forward.
            long first = state.offsets.firstUnfinished();
            long offset = first < 0 ? asked : Math.min(asked, first);
            Repeat previous = repeats.get(state.partition);
            if (previous != null && previous.state() == state) {
                // Another record of the same, not yet re-fetched, tracking: the rewind already covers it
                // (the first unfinished record cannot have moved past it), and neither its delay nor its
                // count should grow for it.
                hold.holdAt(state.partition, previous.offset(), previous.due());
                continue;
            }
            int times = previous != null && previous.offset() == offset ? previous.times() + 1 : 1;
            long delay = delayMillis(times);
            long due = System.currentTimeMillis() + delay;
            repeats.put(state.partition, new Repeat(state, offset, times, due));
            hold.holdAt(state.partition, offset, due);
            rewound.accept(state.partition.topic());
            log.warn("IMSG-1004 {}@{} was left unfinished (an onSettled action failed, or its worker was "
                    + "interrupted); the partition is consumed again from offset {} in {} ms", state.partition, asked,
                    offset, delay);
        }
    }

    /** Partitions no longer assigned. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(repeats::remove);
    }

    /** The delay of the last rewind of {@code partition}, or -1; for tests. */
    long lastDelayMillis(TopicPartition partition) {
        Repeat repeat = repeats.get(partition);
        return repeat == null ? -1 : delayMillis(repeat.times());
    }

    static long delayMillis(int times) {
        long delay = FIRST_DELAY.toMillis() << Math.min(times - 1, 16);
        return Math.min(delay, MAX_DELAY.toMillis());
    }
}
