package io.imsg.kafka.consume.internal;

import io.imsg.kafka.consume.Ordering;
import io.imsg.kafka.consume.SubscriberSettings;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that owns one {@link Consumer}: it polls without pause, hands records to workers,
 * pauses partitions when too much is in flight, and commits the finished prefix of every partition
 * periodically, on revocation and on close. Nothing else touches the consumer, which is not
 * thread-safe; workers report back only through {@link PartitionOffsets} and {@link InFlight}.
 */
public final class ConsumerLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Collection<String> topics;
    private final SubscriberSettings settings;
    private final RecordProcessor processor;
    private final KeyedExecutor executor;
    private final ConsumerMetrics metrics;
    private final InFlight inFlight;
    private final Map<TopicPartition, PartitionState> partitions = new ConcurrentHashMap<>();
    private final Set<TopicPartition> pausedForBackpressure = ConcurrentHashMap.newKeySet();
    /** Partitions paused because a write for them keeps failing; resumed when it goes through. */
    private final Set<TopicPartition> pausedForStall = ConcurrentHashMap.newKeySet();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable fatal;
    private long nextCommitAt;

    ConsumerLoop(Consumer<byte[], byte[]> consumer, Collection<String> topics, SubscriberSettings settings,
            RecordProcessor processor, KeyedExecutor executor, ConsumerMetrics metrics) {
        this.consumer = consumer;
        this.topics = topics;
        this.settings = settings;
        this.processor = processor;
        this.executor = executor;
        this.metrics = metrics;
        this.inFlight = new InFlight(settings.maxInFlight(), settings.maxInFlightBytes());
        metrics.gauges(inFlight::records, () -> pausedForBackpressure.size() + pausedForStall.size());
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                pollOnce();
            }
            drainAndCommit();
        } catch (Throwable t) {
            fatal = t;
            log.error("IMSG-1000 consumer loop of group {} stopped by a fatal error", settings.groupId(), t);
        } finally {
            closeQuietly();
            finished.countDown();
        }
    }

    private void pollOnce() {
        try {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
            dispatch(records);
            applyBackpressure();
            pauseStalledPartitions();
            commitIfDue();
        } catch (WakeupException e) {
            // close() woke us; the while condition sees running == false
        } catch (AuthenticationException | AuthorizationException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("IMSG-1001 poll failed, polling again: {}", e.toString());
        }
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            PartitionState state = partitions.computeIfAbsent(partition, PartitionState::new);
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (!state.offsets.canTrack(record.offset())) {
                    state = restart(state, record.offset());
                }
                state.offsets.track(record.offset());
                long size = sizeOf(record);
                inFlight.acquire(size);
                PartitionState owner = state;
                executor.submit(orderingKey(record), () -> runRecord(record, owner, size));
            }
        }
    }

    /**
     * The position moved backwards within one assignment (an offset reset after the committed
     * offset fell out of retention). Work of the old position is dropped, uncommitted.
     */
    private PartitionState restart(PartitionState old, long offset) {
        log.warn("IMSG-1003 {} rewound to offset {}; restarting its tracking", old.partition, offset);
        old.revoke();
        PartitionState fresh = new PartitionState(old.partition);
        partitions.put(old.partition, fresh);
        return fresh;
    }

    private void runRecord(ConsumerRecord<byte[], byte[]> record, PartitionState state, long size) {
        state.running.incrementAndGet();
        try {
            if (state.isOwned() && processor.process(record, state)) {
                state.offsets.complete(record.offset());
            }
        } catch (Throwable t) {
            // The processor resolves every failure it can name; this is a bug or an Error. The
            // record stays uncommitted (so nothing is lost) and the partition stops advancing.
            log.error("IMSG-1002 record {}-{}@{} left unfinished by an unexpected error; its partition will not "
                    + "commit past it until it is consumed again", record.topic(), record.partition(), record.offset(), t);
        } finally {
            state.running.decrementAndGet();
            inFlight.release(size);
        }
    }

    private Object orderingKey(ConsumerRecord<byte[], byte[]> record) {
        if (settings.ordering() == Ordering.PARTITION) {
            return new TopicPartition(record.topic(), record.partition());
        }
        return record.key() == null ? null : new KeyToken(record.topic(), record.partition(), ByteBuffer.wrap(record.key()));
    }

    /** A key within its partition: the unit of ordering in {@link Ordering#KEY} mode. */
    private record KeyToken(String topic, int partition, ByteBuffer key) {}

    private static long sizeOf(ConsumerRecord<byte[], byte[]> record) {
        return Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize()) + 64L;
    }

    private void applyBackpressure() {
        if (pausedForBackpressure.isEmpty() && inFlight.overLimit()) {
            Set<TopicPartition> toPause = new HashSet<>(consumer.assignment());
            toPause.removeAll(consumer.paused());
            consumer.pause(toPause);
            pausedForBackpressure.addAll(toPause);
            log.debug("IMSG-1010 paused {} partitions: {} records in flight", toPause.size(), inFlight.records());
        } else if (!pausedForBackpressure.isEmpty() && inFlight.belowResumeMark()) {
            Set<TopicPartition> toResume = new HashSet<>(pausedForBackpressure);
            toResume.retainAll(consumer.assignment());
            toResume.removeAll(pausedForStall);
            consumer.resume(toResume);
            pausedForBackpressure.clear();
            log.debug("IMSG-1011 resumed {} partitions", toResume.size());
        }
    }

    private void pauseStalledPartitions() {
        for (PartitionState state : partitions.values()) {
            TopicPartition partition = state.partition;
            if (state.isStalled() && pausedForStall.add(partition)) {
                consumer.pause(List.of(partition));
                log.warn("IMSG-1012 paused {}: a dead-letter or output write for it keeps failing", partition);
            } else if (!state.isStalled() && pausedForStall.remove(partition)
                    && !pausedForBackpressure.contains(partition)) {
                consumer.resume(List.of(partition));
                log.info("IMSG-1013 resumed {}: its stalled write went through", partition);
            }
        }
        pausedForStall.retainAll(partitions.keySet());
    }

    private void commitIfDue() {
        long now = System.currentTimeMillis();
        if (now < nextCommitAt) {
            return;
        }
        nextCommitAt = now + settings.commitInterval().toMillis();
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions.values());
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, failure) -> {
                if (failure != null) {
                    log.warn("IMSG-1020 commit failed, the next one will cover it: {}", failure.toString());
                } else {
                    committed.forEach(this::markCommitted);
                }
            });
        }
    }

    private void markCommitted(TopicPartition partition, OffsetAndMetadata offset) {
        PartitionState state = partitions.get(partition);
        if (state != null) {
            state.committed = Math.max(state.committed, offset.offset());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionState> states) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionState state : states) {
            long next = state.offsets.committable();
            if (next > state.committed) {
                offsets.put(state.partition, new OffsetAndMetadata(next));
            }
        }
        return offsets;
    }

    private void commitSync(Collection<PartitionState> states) {
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(states);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            try {
                commitSyncOnce(offsets);
            } catch (WakeupException e) {
                // stop() may wake the consumer after the last poll returned; the wakeup is consumed
                // by this first attempt, so the second one commits.
                commitSyncOnce(offsets);
            }
        } catch (KafkaException e) {
            log.warn("IMSG-1021 synchronous commit of {} failed; those records will be consumed again: {}",
                    offsets.keySet(), e.toString());
        }
    }

    private void commitSyncOnce(Map<TopicPartition, OffsetAndMetadata> offsets) {
        consumer.commitSync(offsets);
        offsets.forEach(this::markCommitted);
    }

    /** Stops fetching, lets in-flight records finish (up to the close timeout), commits, returns. */
    private void drainAndCommit() {
        consumer.pause(consumer.assignment());
        long deadline = System.currentTimeMillis() + settings.closeTimeout().toMillis();
        while (inFlight.records() > 0 && System.currentTimeMillis() < deadline) {
            try {
                consumer.poll(settings.pollTimeout()); // keeps the membership alive; all partitions are paused
            } catch (KafkaException e) { // includes a late WakeupException
                sleepQuietly(settings.pollTimeout().toMillis());
            }
        }
        if (inFlight.records() > 0) {
            log.warn("IMSG-1030 closing with {} records still in flight after {}; they will be consumed again",
                    inFlight.records(), settings.closeTimeout());
        }
        partitions.values().forEach(PartitionState::revoke);
        commitSync(partitions.values());
    }

    private void closeQuietly() {
        try {
            executor.shutdown(settings.closeTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            consumer.close();
        } catch (RuntimeException e) {
            log.warn("IMSG-1031 consumer close failed: {}", e.toString());
        }
    }

    /** Asks the loop to finish; {@link #awaitFinished} waits for it. Safe from any thread. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    public boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public boolean isRunning() {
        return finished.getCount() > 0 && fatal == null;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps {@link #partitions} in step with the assignment; runs on the poll thread inside poll(). */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            for (TopicPartition partition : assigned) {
                partitions.put(partition, new PartitionState(partition));
            }
            if (!pausedForBackpressure.isEmpty()) {
                consumer.pause(assigned);
                pausedForBackpressure.addAll(assigned);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            Map<TopicPartition, PartitionState> leaving = new HashMap<>();
            for (TopicPartition partition : revoked) {
                PartitionState state = partitions.get(partition);
                if (state != null) {
                    state.revoke();
                    leaving.put(partition, state);
                }
            }
            metrics.partitionsRevoked(revoked.size());
            awaitRunning(leaving.values());
            commitSync(leaving.values());
            leaving.keySet().forEach(partitions::remove);
            pausedForBackpressure.removeAll(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            // Another member may own them already: committing now could overwrite its progress.
            metrics.partitionsRevoked(lost.size());
            for (TopicPartition partition : lost) {
                PartitionState state = partitions.remove(partition);
                if (state != null) {
                    state.revoke();
                }
            }
            pausedForBackpressure.removeAll(lost);
        }

        private void awaitRunning(Collection<PartitionState> states) {
            long deadline = System.currentTimeMillis() + settings.revocationTimeout().toMillis();
            for (PartitionState state : states) {
                while (state.running.get() > 0 && System.currentTimeMillis() < deadline) {
                    sleepQuietly(5);
                }
            }
        }
    }
}
