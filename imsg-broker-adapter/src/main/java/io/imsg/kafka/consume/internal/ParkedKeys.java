package io.imsg.kafka.consume.internal;

import io.imsg.kafka.retry.OriginalRecord;
import io.imsg.kafka.retry.RetryStage;
import io.imsg.kafka.retry.RetryTopology;
import io.imsg.kafka.retry.RetryWriter;
import java.util.List;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The ordered retry mode's memory: for each key of each source partition, which of its records
 * are in retry topics, by original offset, and in which stage. A key with such records is parked.
 *
 * <p>The rules keep a key's records handled in original-offset order:
 * <ul>
 *   <li>a source record of a parked key follows the key into its latest stage, unless a copy of it
 *       is already there (a redelivery after a crash), in which case it is dropped;</li>
 *   <li>a retry record is handled only if it is its key's oldest parked record; otherwise it
 *       follows the key into its latest stage again, which puts it behind the records it must
 *       wait for (a follower never overtakes, it only waits longer);</li>
 *   <li>a retry record this member does not know of is handled: losing it would be worse than
 *       handling it out of order;</li>
 *   <li>a record that fails goes to the stage after the last one it failed in itself, so following
 *       its key into a late stage never costs it its own retries.</li>
 * </ul>
 * Records without a key have no order to keep. State is rebuilt by {@link ParkedKeysScan} when
 * partitions are assigned and dropped when they are revoked. Thread-safe; each key is touched by
 * one worker at a time.
 */
final class ParkedKeys implements RetryOrder {

    private final RetryTopology topology;
    private final Map<TopicPartition, Map<ByteBuffer, TreeMap<Long, Integer>>> parked = new ConcurrentHashMap<>();

    ParkedKeys(RetryTopology topology) {
        this.topology = topology;
    }

    @Override
    public Turn turnOf(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin) {
        TreeMap<Long, Integer> waiting = waitingOf(record, origin);
        if (waiting == null || waiting.isEmpty()) {
            return Turn.HANDLE;
        }
        boolean fromSource = topology.stageOf(record.topic()).isEmpty();
        if (fromSource) {
            return waiting.containsKey(origin.offset()) ? Turn.ALREADY_WAITING : Turn.follow(latestStage(origin, waiting));
        }
        if (!waiting.containsKey(origin.offset()) || waiting.firstKey() == origin.offset()) {
            return Turn.HANDLE;
        }
        return Turn.follow(latestStage(origin, waiting));
    }

    /**
     * A record's own failures decide its next stage, not the topic it failed on: a record that
     * followed its key into a late stage still gets every stage for its own failures.
     */
    @Override
    public Optional<RetryStage> nextAfterFailure(ConsumerRecord<byte[], byte[]> record) {
        String base = topology.baseOf(record.topic());
        boolean onRetryTopic = topology.stageOf(record.topic()).isPresent();
        int next = onRetryTopic ? RetryWriter.failedStage(record).map(stage -> stage + 1).orElse(0) : 0;
        List<RetryStage> stages = topology.stagesOf(base);
        return next < stages.size() ? Optional.of(stages.get(next)) : Optional.empty();
    }

    @Override
    public void movedTo(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin, RetryStage stage) {
        if (record.key() != null) {
            keysOf(new TopicPartition(origin.topic(), origin.partition())).compute(ByteBuffer.wrap(record.key()),
                    (key, waiting) -> {
                        TreeMap<Long, Integer> updated = waiting == null ? new TreeMap<>() : waiting;
                        updated.put(origin.offset(), stage.index()); // where it is now, even if an earlier stage
                        return updated;
                    });
        }
    }

    @Override
    public void resolved(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin) {
        if (record.key() == null) {
            return;
        }
        Map<ByteBuffer, TreeMap<Long, Integer>> keys = parked.get(new TopicPartition(origin.topic(), origin.partition()));
        if (keys != null) {
            keys.computeIfPresent(ByteBuffer.wrap(record.key()), (key, waiting) -> {
                waiting.remove(origin.offset());
                return waiting.isEmpty() ? null : waiting;
            });
        }
    }

    /**
     * Records that a scan found waiting in a retry topic. A record seen in two stages (a move not yet
     * committed) keeps the later one; the stage only steers where followers go, order holds either way.
     */
    void park(TopicPartition source, ByteBuffer key, long originalOffset, int stageIndex) {
        keysOf(source).compute(key, (k, waiting) -> {
            TreeMap<Long, Integer> updated = waiting == null ? new TreeMap<>() : waiting;
            updated.merge(originalOffset, stageIndex, Math::max);
            return updated;
        });
    }

    private Map<ByteBuffer, TreeMap<Long, Integer>> keysOf(TopicPartition source) {
        return parked.computeIfAbsent(source, partition -> new ConcurrentHashMap<>());
    }

    /** Forgets source partitions that are no longer assigned; a new owner rebuilds their state. */
    void forget(Collection<TopicPartition> sourcePartitions) {
        sourcePartitions.forEach(parked::remove);
    }

    /** Parked keys of one source partition; for tests and diagnostics. */
    int parkedKeys(TopicPartition source) {
        Map<ByteBuffer, TreeMap<Long, Integer>> keys = parked.get(source);
        return keys == null ? 0 : keys.size();
    }

    private TreeMap<Long, Integer> waitingOf(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin) {
        if (record.key() == null) {
            return null;
        }
        Map<ByteBuffer, TreeMap<Long, Integer>> keys = parked.get(new TopicPartition(origin.topic(), origin.partition()));
        return keys == null ? null : keys.get(ByteBuffer.wrap(record.key()));
    }

    private RetryStage latestStage(OriginalRecord origin, TreeMap<Long, Integer> waiting) {
        int latest = waiting.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Optional<RetryStage> stage = topology.stagesOf(origin.topic()).stream()
                .filter(s -> s.index() == latest).findFirst();
        return stage.orElseThrow(() -> new IllegalStateException("no retry stage " + latest + " for " + origin.topic()));
    }
}
