package io.imsg.kafka.consume.internal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Why each partition is paused. Several reasons can hold one partition; it fetches again only
 * when the last one is lifted, so backpressure ending cannot resume a partition whose write is
 * stalled or whose retry record is not due yet. Poll thread only, except {@link #count()}.
 */
final class Pauses {

    enum Reason {
        /** Too many records in flight overall. */
        BACKPRESSURE,
        /** A dead-letter, retry or output write for the partition keeps failing. */
        STALLED_WRITE,
        /** The head record of a retry topic partition is not due yet, or a redelivery is waiting out its delay. */
        NOT_DUE,
        /** A priority lane has work; normal lanes wait for it. */
        PRIORITY_LANE
    }

    private final Consumer<?, ?> consumer;
    private final Map<TopicPartition, EnumSet<Reason>> reasons = new HashMap<>();
    private volatile int count;

    Pauses(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    /** Pauses an assigned partition for {@code reason}; true when the reason is new for it. */
    boolean pause(TopicPartition partition, Reason reason) {
        EnumSet<Reason> held = reasons.computeIfAbsent(partition, p -> EnumSet.noneOf(Reason.class));
        if (held.isEmpty()) {
            consumer.pause(List.of(partition));
        }
        boolean added = held.add(reason);
        count = reasons.size();
        return added;
    }

    /** Lifts {@code reason}; the partition resumes when no reason is left. True when it was held. */
    boolean resume(TopicPartition partition, Reason reason) {
        EnumSet<Reason> held = reasons.get(partition);
        if (held == null || !held.remove(reason)) {
            return false;
        }
        if (held.isEmpty()) {
            reasons.remove(partition);
            consumer.resume(List.of(partition));
        }
        count = reasons.size();
        return true;
    }

    boolean isPaused(TopicPartition partition, Reason reason) {
        EnumSet<Reason> held = reasons.get(partition);
        return held != null && held.contains(reason);
    }

    Set<TopicPartition> pausedFor(Reason reason) {
        Set<TopicPartition> result = new HashSet<>();
        reasons.forEach((partition, held) -> {
            if (held.contains(reason)) {
                result.add(partition);
            }
        });
        return result;
    }

    /** Partitions no longer assigned: Kafka dropped their pause, so the bookkeeping goes too. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(reasons::remove);
        count = reasons.size();
    }

    /** Paused partitions, for the gauge; safe from any thread. */
    int count() {
        return count;
    }
}
