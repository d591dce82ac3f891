package io.imsg.kafka.consume.internal;

import io.imsg.kafka.consume.Ordering;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.consume.internal.Pauses.Reason;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.kafka.retry.RetryStage;
import io.imsg.kafka.retry.RetryTopology;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that owns one {@link Consumer}: it polls without pause, hands records to workers,
 * pauses partitions (too much in flight, a stalled write, a retry record not due yet), and commits
 * the finished prefix of every partition. Nothing else touches the consumer, which is not
 * thread-safe; workers report back only through {@link PartitionState} and {@link InFlight}.
 */
public final class ConsumerLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration EXECUTOR_GRACE = Duration.ofSeconds(5);
    private static final Duration CONSUMER_CLOSE = Duration.ofSeconds(10);
    private static final Duration LAG_REFRESH = Duration.ofSeconds(1);
    /** Beyond the close timeout: the final commit (Kafka's 60 s API timeout), the grace and the close. */
    public static final Duration MAX_CLOSE_OVERHEAD = Duration.ofSeconds(60).plus(EXECUTOR_GRACE).plus(CONSUMER_CLOSE);

    private final Consumer<byte[], byte[]> consumer;
    private final RetryTopology topology;
    private final SubscriberSettings settings;
    private final KeyedExecutor executor;
    private final ConsumerMetrics metrics;
    private final InFlight inFlight;
    private final Pauses pauses;
    private final OffsetCommitter committer;
    private final RetryHold retryHold;
    private final Redeliveries redeliveries;
    private final AssignmentHook assignmentHook;
    private final LanePreference lanes;
    private final RecordRunner runner;
    private final ConsumerLag lag;
    private final Map<TopicPartition, PartitionState> partitions = new ConcurrentHashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable fatal;

    ConsumerLoop(Consumer<byte[], byte[]> consumer, RetryTopology topology, SubscriberSettings settings,
            RecordProcessor processor, KeyedExecutor executor, ConsumerMetrics metrics, AssignmentHook assignmentHook) {
        this.consumer = consumer;
        this.topology = topology;
        this.settings = settings;
        this.executor = executor;
        this.metrics = metrics;
        this.inFlight = new InFlight(settings.maxInFlight(), settings.maxInFlightBytes());
        this.pauses = new Pauses(consumer);
        this.committer = new OffsetCommitter(consumer, settings.commitInterval());
        this.retryHold = new RetryHold(consumer, pauses);
        this.redeliveries = new Redeliveries(retryHold, metrics::redelivered);
        this.lanes = new LanePreference(consumer, pauses, executor, settings.normalLaneMaxPause());
        this.runner = new RecordRunner(processor, inFlight, lanes, () -> running);
        this.assignmentHook = AssignmentHook.both(assignmentHook, new AssignmentHook() {
            @Override
            public void assigned(java.util.Collection<TopicPartition> partitions) {
                lanes.assigned();
            }

            @Override
            public void gone(java.util.Collection<TopicPartition> partitions) {
                redeliveries.forget(partitions);
            }
        });
        this.lag = new ConsumerLag(consumer, metrics, LAG_REFRESH.toNanos());
        metrics.gauges(inFlight::records, pauses::count);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topology.allTopics(),
                    new Rebalance(partitions, pauses, retryHold, committer, metrics, settings.revocationTimeout(),
                            assignmentHook));
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
            redeliveries.rewindRequested(partitions.values());
            retryHold.releaseDue();
            ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
            dispatch(records);
            applyBackpressure();
            lanes.apply();
            pauseStalledPartitions();
            committer.commitIfDue(partitions.values());
            lag.refreshIfDue(partitions);
        } catch (WakeupException e) {
            // stop() woke us; the while condition sees running == false
        } catch (AuthenticationException | AuthorizationException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("IMSG-1001 poll failed, polling again: {}", e.toString());
            sleepQuietly(settings.pollTimeout().toMillis()); // a persistent error must not spin the loop
        }
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            PartitionState state = partitions.computeIfAbsent(partition, PartitionState::new);
            Optional<RetryStage> stage = topology.stageOf(partition.topic());
            int dispatched = 0;
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (stage.isPresent() && retryHold.holdIfNotDue(record, stage.get())) {
                    break; // the rest of this partition's batch comes again after the seek
                }
                dispatched++;
                if (!state.offsets.canTrack(record.offset())) {
                    state = restart(state, record.offset());
                }
                state.offsets.track(record.offset());
                long size = sizeOf(record);
                inFlight.acquire(size);
                PartitionState owner = state;
                boolean urgent = LanePreference.isLane(partition);
                if (urgent) {
                    lanes.started();
                }
                executor.submit(orderingKey(record), urgent, () -> runner.run(record, owner, size, urgent));
            }
            metrics.received(partition.topic(), dispatched);
        }
    }

    /**
     * The position moved backwards within one assignment: a redelivery (see {@link Redeliveries}),
     * or an offset reset after the committed offset fell out of retention. Work of the old position
     * is dropped, uncommitted.
     */
    private PartitionState restart(PartitionState old, long offset) {
        log.warn("IMSG-1003 {} rewound to offset {}; restarting its tracking", old.partition, offset);
        PartitionState fresh = old.restarted();
        partitions.put(old.partition, fresh);
        return fresh;
    }

    private Object orderingKey(ConsumerRecord<byte[], byte[]> record) {
        // In ordered retry mode a key's source and retry records queue together: deciding whether a
        // record must wait behind its key needs the key's earlier records to be settled first.
        String topic = settings.orderedRetryTopics() ? topology.baseOf(record.topic()) : record.topic();
        if (settings.ordering() == Ordering.PARTITION) {
            return new TopicPartition(topic, record.partition());
        }
        return record.key() == null ? null : new KeyToken(topic, record.partition(), ByteBuffer.wrap(record.key()));
    }

    /** A key within its partition: the unit of ordering in {@link Ordering#KEY} mode. */
    private record KeyToken(String topic, int partition, ByteBuffer key) {}

    /** What a record holds in memory, headers included: a header bomb must count against the bound. */
    private static long sizeOf(ConsumerRecord<byte[], byte[]> record) {
        return Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize())
                + HeaderMapping.sizeOf(record.headers()) + 64L;
    }

    /** Priority lanes are held back only at the hard limit: under ordinary pressure their work is the urgent part. */
    private void applyBackpressure() {
        boolean active = !pauses.pausedFor(Reason.BACKPRESSURE).isEmpty();
        if (inFlight.overLimit()) {
            boolean hard = inFlight.overHardLimit();
            consumer.assignment().stream().filter(partition -> hard || !LanePreference.isLane(partition))
                    .forEach(partition -> pauses.pause(partition, Reason.BACKPRESSURE));
            if (!active) {
                log.debug("IMSG-1010 paused partitions: {} records in flight", inFlight.records());
            }
        } else if (active && inFlight.belowResumeMark()) {
            pauses.pausedFor(Reason.BACKPRESSURE).forEach(partition -> pauses.resume(partition, Reason.BACKPRESSURE));
            log.debug("IMSG-1011 backpressure lifted: {} records in flight", inFlight.records());
        }
    }

    private void pauseStalledPartitions() {
        for (PartitionState state : partitions.values()) {
            if (state.isStalled() && pauses.pause(state.partition, Reason.STALLED_WRITE)) {
                log.warn("IMSG-1012 paused {}: a dead-letter, retry or output write for it keeps failing", state.partition);
            } else if (!state.isStalled() && pauses.resume(state.partition, Reason.STALLED_WRITE)) {
                log.info("IMSG-1013 {} fetches again: its stalled write went through", state.partition);
            }
        }
    }

    /** Stops fetching, lets in-flight records finish (up to the close timeout), commits, returns. */
    private void drainAndCommit() {
        executor.releaseOrdinary(); // what was set aside for a priority lane must finish too
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
        committer.commitSync(partitions.values());
    }

    /**
     * The drain already waited the close timeout for in-flight work; what is left is stuck or gave
     * up its partition, so the pool and the consumer get short, fixed bounds. Together they keep
     * the loop's end within {@link #MAX_CLOSE_OVERHEAD} past the close timeout.
     */
    private void closeQuietly() {
        try {
            executor.shutdown(EXECUTOR_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            consumer.close(CONSUMER_CLOSE);
        } catch (RuntimeException e) {
            log.warn("IMSG-1031 consumer close failed: {}", e.toString());
        }
        metrics.removeGauges();
    }

    /** Asks the loop to finish; {@link #awaitFinished} waits for it. Safe from any thread. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    public boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    public boolean isRunning() {
        return finished.getCount() > 0 && fatal == null;
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
