package io.imsg.kafka.consume.internal;

import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.DecodingException;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.api.failure.NoRouteException;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.Publisher;
import io.imsg.api.spi.RouteTable;
import io.imsg.kafka.deadletter.DeadLetterWriter;
import io.imsg.kafka.deadletter.Failure;
import io.imsg.kafka.internal.Backoff;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.api.header.MessageHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one record from bytes to resolution: decode, route, handle, publish the handler's outputs,
 * or dead-letter. Runs on a worker thread.
 *
 * <p>{@link #process} returns true only when the record is resolved: handled with every output
 * acknowledged, or its dead letter acknowledged. A write that fails is retried with backoff for as
 * long as the partition is still owned; if ownership ends first, it returns false and the record
 * stays uncommitted, to be consumed again.
 */
final class RecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(RecordProcessor.class);
    private static final Duration BACKOFF_START = Duration.ofMillis(100);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(5);

    private final EnvelopeCodec codec;
    private final RouteTable routes;
    private final Publisher outputs;
    private final DeadLetterWriter deadLetters;
    private final FailureClassifier classifier;
    private final ConsumerMetrics metrics;

    RecordProcessor(EnvelopeCodec codec, RouteTable routes, Publisher outputs, DeadLetterWriter deadLetters,
            FailureClassifier classifier, ConsumerMetrics metrics) {
        this.codec = codec;
        this.routes = routes;
        this.outputs = outputs;
        this.deadLetters = deadLetters;
        this.classifier = classifier;
        this.metrics = metrics;
    }

    boolean process(ConsumerRecord<byte[], byte[]> record, PartitionLease lease) {
        metrics.received(record.topic());
        RecordOrigin origin = new RecordOrigin(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()));
        Message<SpecificRecord> message;
        RouteTable.Route route;
        try {
            message = decode(record, origin);
            route = routes.find(record.topic(), message.type())
                    .orElseThrow(() -> new NoRouteException(record.topic(), message.type(),
                            routes.typesOn(record.topic()), origin));
        } catch (RuntimeException unusable) {
            return deadLetter(record, Failure.now(unusable, null, 0), null, lease);
        }
        MessageHeaders headers = HeaderMapping.view(record.headers());
        DeliveryContext context = DeliveryContext.first(headers.attempt().orElse(1), route.info(), origin, headers);
        try {
            route.handler().handle(message, context);
        } catch (Exception failure) {
            if (Thread.currentThread().isInterrupted()) {
                // Shutting down mid-handling or mid-retry: the failure may well be transient, so the
                // record stays uncommitted and is consumed again, rather than dead-lettered for good.
                log.info("IMSG-1303 handling of {} interrupted, left uncommitted: {}", origin, failure.toString());
                return false;
            }
            // In-process retry runs inside the handler chain, so a failure reaching here has used up
            // its in-process attempts; the latest attempt failed last, and its number is the count.
            return deadLetter(record, Failure.now(failure, route.info().name(), context.latest().attempt()),
                    message, lease);
        }
        // Only the attempt that succeeded publishes; outputs of earlier, failed attempts are dropped.
        return publishOutputs(record, context.latest(), message, lease);
    }

    private Message<SpecificRecord> decode(ConsumerRecord<byte[], byte[]> record, RecordOrigin origin) {
        if (record.value() == null) {
            throw new DecodingException("record has no value (a tombstone); iMSG records always carry an envelope",
                    origin);
        }
        return codec.decode(record.value(), origin);
    }

    private boolean publishOutputs(ConsumerRecord<byte[], byte[]> record, DeliveryContext context,
            Message<SpecificRecord> message, PartitionLease lease) {
        List<DeliveryContext.Output> pending = new ArrayList<>(context.outputs());
        Stall stall = new Stall(lease);
        try {
            while (!pending.isEmpty()) {
                List<DeliveryContext.Output> failed = new ArrayList<>();
                for (DeliveryContext.Output output : pending) {
                    Throwable failure = await(outputs.publish(output.topic(), output.message()));
                    if (failure != null && !classifier.isRetryable(failure)) {
                        return deadLetter(record, Failure.now(failure, context.route().name(), context.attempt()),
                                message, lease);
                    }
                    if (failure != null) {
                        log.warn("IMSG-1201 output of {}-{}@{} to {} failed, will retry: {}", record.topic(),
                                record.partition(), record.offset(), output.topic(), failure.toString());
                        failed.add(output);
                    }
                }
                pending = failed;
                if (!pending.isEmpty() && !stall.pause()) {
                    return false;
                }
            }
            return true;
        } finally {
            stall.end();
        }
    }

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> record, Failure failure, Message<?> message,
            PartitionLease lease) {
        Stall stall = new Stall(lease);
        try {
            while (true) {
                Throwable writeFailure = await(deadLetters.write(record, failure));
                if (writeFailure == null) {
                    log.debug("IMSG-1100 dead-lettered {}-{}@{}: {}", record.topic(), record.partition(),
                            record.offset(), failure.cause().toString());
                    metrics.deadLettered(failure.route() == null ? "unknown" : failure.route(), record.topic(),
                            message == null ? "unknown" : message.type(),
                            message == null ? "unknown" : message.priority().name());
                    return true;
                }
                log.warn("IMSG-1101 dead letter of {}-{}@{} not written, the offset stays uncommitted and the write "
                        + "is retried: {}", record.topic(), record.partition(), record.offset(), writeFailure.toString());
                if (!stall.pause()) {
                    return false;
                }
            }
        } finally {
            stall.end();
        }
    }

    /**
     * A write that keeps failing: backs off between tries and keeps the partition paused from the
     * first failure until {@link #end()}, so its fetching stops while its commit cannot move.
     */
    private static final class Stall {

        private final PartitionLease lease;
        private Backoff backoff;

        Stall(PartitionLease lease) {
            this.lease = lease;
        }

        /** Waits before the next try; false when the partition is gone or the thread interrupted. */
        boolean pause() {
            if (backoff == null) {
                backoff = new Backoff(BACKOFF_START, BACKOFF_MAX);
                lease.writeStalled();
            }
            return lease.isOwned() && backoff.pause();
        }

        void end() {
            if (backoff != null) {
                lease.writeRecovered();
            }
        }
    }

    /** Waits for a write; returns its failure, or null on success. */
    private static Throwable await(CompletableFuture<?> write) {
        try {
            write.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
