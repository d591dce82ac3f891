package io.imsg.kafka.consume.internal;

import io.imsg.kafka.consume.internal.Pauses.Reason;
import io.imsg.kafka.lanes.PriorityLanes;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the consumer prefer priority lanes: while a priority lane has work (records in flight, or a
 * lag the consumer knows of), every other partition is paused and the workers set ordinary records
 * aside, so the CPU goes to the lane; when the lanes drain, both resume.
 *
 * A lane stays busy for a short quiet period after its last record, so that a trickle of important
 * messages does not let the normal lanes in between each two of them.
 *
 * <p>The guard against starvation: after other partitions have been paused for {@code maxPause}
 * straight, they resume for a quarter of it whatever the lanes hold, so a continuous stream of
 * important messages slows normal traffic down but never stops it. Poll thread only, except
 * {@link #started} and {@link #finished}, which workers call.
 */
final class LanePreference {

    private static final Logger log = LoggerFactory.getLogger(LanePreference.class);

    private final Consumer<?, ?> consumer;
    private final Pauses pauses;
    private final KeyedExecutor executor;
    private final long maxPauseMillis;
    private final long fairWindowMillis;
    /**
     * How long a lane counts as busy after its last record arrived. Important messages often come
     * one by one; resuming the normal lanes between two of them would refill the workers and the
     * fetch buffers with normal records each time, and the next important one would wait behind them.
     */
    private static final long QUIET_MILLIS = 100;

    private final AtomicInteger laneRecordsInFlight = new AtomicInteger();
    private long lastLaneRecordAt = Long.MIN_VALUE / 2;
    private long pausedSince = -1;
    private long fairUntil = -1;

    LanePreference(Consumer<?, ?> consumer, Pauses pauses, KeyedExecutor executor, Duration maxPause) {
        this.consumer = consumer;
        this.pauses = pauses;
        this.executor = executor;
        this.maxPauseMillis = maxPause.toMillis();
        this.fairWindowMillis = Math.max(1, maxPauseMillis / 4);
    }

    static boolean isLane(TopicPartition partition) {
        return PriorityLanes.isLane(partition.topic());
    }

    /** A priority-lane record was handed to a worker; poll thread. */
    void started() {
        laneRecordsInFlight.incrementAndGet();
        lastLaneRecordAt = System.currentTimeMillis();
    }

    /** A priority-lane record finished (or was dropped). */
    void finished() {
        laneRecordsInFlight.decrementAndGet();
    }

    /** Pauses or resumes the other partitions; called once per poll. */
    void apply() {
        long now = System.currentTimeMillis();
        boolean busy = lanesHaveWork();
        boolean paused = pausedSince >= 0;
        if (busy && !paused && now >= fairUntil) {
            pauseOthers();
            pausedSince = now;
        } else if (paused && (!busy || now - pausedSince >= maxPauseMillis)) {
            resumeOthers();
            pausedSince = -1;
            if (busy) {
                fairUntil = now + fairWindowMillis;
                log.debug("IMSG-1510 normal lanes resumed for {} ms after {} ms behind priority lanes",
                        fairWindowMillis, maxPauseMillis);
            }
        }
    }

    /** Newly assigned partitions join the current state. */
    void assigned() {
        if (pausedSince >= 0) {
            pauseOthers();
        }
    }

    private boolean lanesHaveWork() {
        if (laneRecordsInFlight.get() > 0 || System.currentTimeMillis() - lastLaneRecordAt < QUIET_MILLIS) {
            return true;
        }
        java.util.Set<TopicPartition> paused = consumer.paused();
        for (TopicPartition partition : consumer.assignment()) {
            // A lane paused for its own reasons (a stalled write) cannot be drained by waiting for it.
            if (isLane(partition) && !paused.contains(partition)) {
                OptionalLong lag = consumer.currentLag(partition);
                if (lag.isPresent() && lag.getAsLong() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private void pauseOthers() {
        executor.holdOrdinary();
        for (TopicPartition partition : consumer.assignment()) {
            if (!isLane(partition)) {
                pauses.pause(partition, Reason.PRIORITY_LANE);
            }
        }
    }

    private void resumeOthers() {
        executor.releaseOrdinary();
        pauses.pausedFor(Reason.PRIORITY_LANE).forEach(partition -> pauses.resume(partition, Reason.PRIORITY_LANE));
    }
}
