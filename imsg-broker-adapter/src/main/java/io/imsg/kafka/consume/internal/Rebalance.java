package io.imsg.kafka.consume.internal;

import io.imsg.kafka.consume.internal.Pauses.Reason;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps the loop's partition states in step with the assignment. On revocation it stops the
 * partitions' work, waits (bounded) for records already running, and commits what finished; lost
 * partitions are dropped without a commit, since another member may own them already. Runs on the
 * poll thread, inside {@code poll()}.
 */
final class Rebalance implements ConsumerRebalanceListener {

    private final Map<TopicPartition, PartitionState> partitions;
    private final Pauses pauses;
    private final RetryHold retryHold;
    private final OffsetCommitter committer;
    private final ConsumerMetrics metrics;
    private final Duration revocationTimeout;
    private final AssignmentHook hook;

    Rebalance(Map<TopicPartition, PartitionState> partitions, Pauses pauses, RetryHold retryHold,
            OffsetCommitter committer, ConsumerMetrics metrics, Duration revocationTimeout, AssignmentHook hook) {
        this.partitions = partitions;
        this.pauses = pauses;
        this.retryHold = retryHold;
        this.committer = committer;
        this.metrics = metrics;
        this.revocationTimeout = revocationTimeout;
        this.hook = hook;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        boolean backpressure = !pauses.pausedFor(Reason.BACKPRESSURE).isEmpty();
        for (TopicPartition partition : assigned) {
            partitions.put(partition, new PartitionState(partition));
            if (backpressure && !LanePreference.isLane(partition)) {
                pauses.pause(partition, Reason.BACKPRESSURE);
            }
        }
        hook.assigned(assigned);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        metrics.partitionsRevoked(revoked.size());
        Map<TopicPartition, PartitionState> leaving = new HashMap<>();
        for (TopicPartition partition : revoked) {
            PartitionState state = partitions.get(partition);
            if (state != null) {
                state.revoke();
                leaving.put(partition, state);
            }
        }
        awaitRunning(leaving.values());
        committer.commitSync(leaving.values());
        forget(revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        // Another member may own them already: committing now could overwrite its progress.
        metrics.partitionsRevoked(lost.size());
        lost.forEach(partition -> {
            PartitionState state = partitions.get(partition);
            if (state != null) {
                state.revoke();
            }
        });
        forget(lost);
    }

    private void forget(Collection<TopicPartition> gone) {
        gone.forEach(partitions::remove);
        retryHold.forget(gone);
        pauses.forget(gone);
        hook.gone(gone);
    }

    private void awaitRunning(Collection<PartitionState> states) {
        long deadline = System.currentTimeMillis() + revocationTimeout.toMillis();
        for (PartitionState state : states) {
            while (state.running.get() > 0 && System.currentTimeMillis() < deadline) {
                ConsumerLoop.sleepQuietly(5);
            }
        }
    }
}
