package io.imsg.kafka.consume.internal;

import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker side of a {@link ConsumerLoop}: runs one dispatched record through the
 * {@link RecordProcessor} on a worker thread and reports back only through {@link PartitionState},
 * {@link InFlight} and {@link LanePreference}, never through the consumer, which is not thread-safe.
 * Holds no state of its own, so every worker shares one.
 */
final class RecordRunner {

    // Logged under ConsumerLoop, which logged this id before this class was split from it, so that
    // log configuration written for it keeps matching.
    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

    private final RecordProcessor processor;
    private final InFlight inFlight;
    private final LanePreference lanes;
    private final BooleanSupplier loopRunning;

    RecordRunner(RecordProcessor processor, InFlight inFlight, LanePreference lanes, BooleanSupplier loopRunning) {
        this.processor = processor;
        this.inFlight = inFlight;
        this.lanes = lanes;
        this.loopRunning = loopRunning;
    }

    void run(ConsumerRecord<byte[], byte[]> record, PartitionState state, long size, boolean urgent) {
        state.running.incrementAndGet();
        try {
            if (state.isOwned()) {
                if (processor.process(record, state)) {
                    state.offsets.complete(record.offset());
                } else if (loopRunning.getAsBoolean() && state.isOwned()) {
                    // Unfinished on a partition still ours, outside a shutdown: consumed again, as
                    // Context.onSettled promises, rather than holding the commits until a rebalance.
                    state.redeliverFrom(record.offset());
                }
            }
        } catch (Throwable t) {
            // The processor resolves every failure it can name; this is a bug or an Error. The
            // record stays uncommitted (so nothing is lost) and the partition stops advancing.
            // Pausing the partition keeps the uncommitted gap from growing behind it without bound.
            log.error("IMSG-1002 record {}-{}@{} left unfinished by an unexpected error; its partition is paused and "
                    + "will not commit past it until it is consumed again after a restart or rebalance",
                    record.topic(), record.partition(), record.offset(), t);
            state.writeStalled();
        } finally {
            state.running.decrementAndGet();
            inFlight.release(size);
            if (urgent) {
                lanes.finished();
            }
        }
    }
}
