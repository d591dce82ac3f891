package io.imsg.kafka.consume.internal;

import static io.imsg.kafka.consume.internal.WriteStall.untilWritten;

import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.DecodingException;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.api.failure.MessageTooLargeException;
import io.imsg.api.failure.NoRouteException;
import io.imsg.api.failure.OutputRefusedException;
import io.imsg.api.header.MessageHeaders;
import io.imsg.api.metrics.Outcome;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.RouteTable;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.deadletter.DeadLetterWriter;
import io.imsg.kafka.deadletter.Failure;
import io.imsg.kafka.internal.HeaderMapping;
import io.imsg.kafka.lanes.PriorityLanes;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.retry.OriginalRecord;
import io.imsg.kafka.retry.RetryStage;
import io.imsg.kafka.retry.RetryTopology;
import io.imsg.kafka.retry.RetryWriter;
import io.imsg.kafka.security.RecordProtection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one record from bytes to resolution: decode, route, handle, publish the handler's outputs;
 * or move it to its next retry topic; or dead-letter it. Runs on a worker thread.
 *
 * <p>{@link #process} returns true only when the record is resolved: handled with every output
 * acknowledged, or its retry record or dead letter acknowledged. A write that fails is retried
 * with backoff (its partition paused) for as long as the partition is still owned; if ownership
 * ends first, it returns false and the record stays uncommitted, to be consumed again.
 */
final class RecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(RecordProcessor.class);

    private final EnvelopeCodec codec;
    private final RouteTable routes;
    private final RetryTopology topology;
    private final OutputPublisher outputs;
    private final DeadLetterWriter deadLetters;
    private final RetryWriter retries;
    private final FailureClassifier classifier;
    private final ConsumerMetrics metrics;
    private final RetryOrder order;
    private final int maxHeaders;
    private final int maxHeaderBytes;
    private final RecordProtection protection;

    RecordProcessor(EnvelopeCodec codec, RouteTable routes, RetryTopology topology, KafkaPublisher outputs,
            DeadLetterWriter deadLetters, RetryWriter retries, FailureClassifier classifier, ConsumerMetrics metrics,
            RetryOrder order, SubscriberSettings settings) {
        this(codec, routes, topology, outputs, deadLetters, retries, classifier, metrics, order, settings,
                RecordProtection.none());
    }

    RecordProcessor(EnvelopeCodec codec, RouteTable routes, RetryTopology topology, KafkaPublisher outputs,
            DeadLetterWriter deadLetters, RetryWriter retries, FailureClassifier classifier, ConsumerMetrics metrics,
            RetryOrder order, SubscriberSettings settings, RecordProtection protection) {
        this.protection = protection;
        this.codec = codec;
        this.routes = routes;
        this.topology = topology;
        this.outputs = new OutputPublisher(outputs);
        this.deadLetters = deadLetters;
        this.retries = retries;
        this.classifier = classifier;
        this.metrics = metrics;
        this.order = order;
        this.maxHeaders = settings.maxHeaders();
        this.maxHeaderBytes = settings.maxHeaderBytes();
    }

    boolean process(ConsumerRecord<byte[], byte[]> record, PartitionLease lease) {
        OriginalRecord origin = OriginalRecord.of(record, topology);
        RecordOrigin coordinates = new RecordOrigin(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()));
        // One walk over the headers: the checks below and every later read use this view.
        MessageHeaders headers = HeaderMapping.view(record.headers());
        Message<SpecificRecord> message;
        RouteTable.Route route;
        try {
            checkHeaders(headers, coordinates);
            // Protection is bound to the logical topic, so a priority lane or a retry topic opens it too.
            String routedTopic = PriorityLanes.logicalOf(origin.topic());
            message = decode(record, routedTopic, coordinates);
            route = routes.find(routedTopic, message.type())
                    .orElseThrow(() -> new NoRouteException(routedTopic, message.type(),
                            routes.typesOn(routedTopic), coordinates));
        } catch (RuntimeException unusable) {
            return deadLetter(record, origin, failure(unusable, null, 0, origin), null, lease);
        }
        // Only a retry record carries a meaningful attempt number; on a routed topic it would be forged.
        int attempt = topology.stageOf(record.topic()).isPresent() ? headers.attempt().orElse(1) : 1;
        RetryOrder.Turn turn = order.turnOf(record, origin);
        if (turn.kind() == RetryOrder.Kind.ALREADY_WAITING) {
            log.debug("IMSG-1322 {}-{}@{} is already waiting in a retry topic behind its key", record.topic(),
                    record.partition(), record.offset());
            return true;
        }
        if (turn.kind() == RetryOrder.Kind.FOLLOW) {
            return follow(record, origin, turn.follow().orElseThrow(), attempt, lease);
        }
        DeliveryContext context = DeliveryContext.first(attempt, route.info(), coordinates, headers);
        try {
            route.handler().handle(message, context);
        } catch (Exception | LinkageError | StackOverflowError | AssertionError failure) {
            // Errors a handler can cause (a missing class, runaway recursion, a failed assertion)
            // fail the message like exceptions do; only VM-wide errors like OOM escape.
            context.settle(false);
            if (Thread.currentThread().isInterrupted()) {
                // Shutting down mid-handling or mid-retry: the failure may well be transient, so the
                // record stays uncommitted and is consumed again, rather than dead-lettered for good.
                log.info("IMSG-1303 handling of {} interrupted, left uncommitted: {}", coordinates, failure.toString());
                return false;
            }
            return handleFailure(record, origin, route, message, context.latest().attempt(), failure, lease);
        }
        // Only the attempt that succeeded publishes; outputs of earlier, failed attempts are dropped.
        Published published = publishOutputs(record, origin, context.latest(), message, lease);
        boolean settled = context.settle(published == Published.ALL);
        if (published == Published.ALL) {
            order.resolved(record, origin);
        }
        return published != Published.NOT_YET && settled;
    }

    /** Ordered retry mode: an earlier record of this key is in a retry topic, so this one goes behind it. */
    private boolean follow(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin, RetryStage stage, int attempt,
            PartitionLease lease) {
        boolean moved = untilWritten(lease, () -> retries.follow(record, origin, stage, attempt),
                writeFailure -> log.warn("IMSG-1310 retry record of {}-{}@{} for {} not written, retrying the write: {}",
                        record.topic(), record.partition(), record.offset(), stage.topic(), writeFailure.toString()));
        if (moved && lease.isAssigned()) {
            order.movedTo(record, origin, stage);
            log.debug("IMSG-1323 {}-{}@{} follows its key into {}", record.topic(), record.partition(), record.offset(),
                    stage.topic());
        }
        return moved;
    }

    /** How publishing a successful attempt's outputs ended. */
    private enum Published {
        /** Every output was acknowledged. */
        ALL,
        /** An output could never be sent, so the input was dead-lettered instead. */
        DEAD_LETTERED,
        /** The partition was lost or the worker interrupted first; the record will be consumed again. */
        NOT_YET
    }

    /**
     * In-process retries (if any) ran inside the handler chain, so this failure used them up: a
     * retryable one moves to the next retry topic if the route's topic has one, anything else is
     * dead-lettered.
     */
    private boolean handleFailure(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin, RouteTable.Route route,
            Message<SpecificRecord> message, int attempts, Throwable failure, PartitionLease lease) {
        String routeName = route.info().name();
        boolean retryable = failure instanceof Exception && classifier.isRetryable(failure);
        Optional<RetryStage> next = retryable ? order.nextAfterFailure(record) : Optional.empty();
        if (next.isEmpty()) {
            return deadLetter(record, origin, failure(failure, routeName, attempts, origin), message, lease);
        }
        Instant firstFailure = origin.firstFailure().orElseGet(Instant::now);
        boolean moved = untilWritten(lease, () -> retries.write(record, origin, next.get(), Math.max(attempts, attempts + 1), firstFailure),
                writeFailure -> log.warn("IMSG-1310 retry record of {}-{}@{} for {} not written, retrying the write: {}",
                        record.topic(), record.partition(), record.offset(), next.get().topic(), writeFailure.toString()));
        if (moved) {
            if (lease.isAssigned()) {
                // Only while assigned here: a late worker (past the revocation timeout) must not re-create
                // the parked keys of a partition that was forgotten; its next owner learns them by scanning.
                order.movedTo(record, origin, next.get());
            }
            log.debug("IMSG-1311 {}-{}@{} failed ({}), due again on {}", record.topic(), record.partition(),
                    record.offset(), failure.toString(), next.get().topic());
            metrics.finished(Outcome.RETRY, routeName, origin.topic(), message.type(), message.priority().name());
        }
        return moved;
    }

    /**
     * Headers are hostile bytes too: bounded in count and size before the route, the handler or any
     * retry logic reads them. Building the view first costs one object per header, which Kafka's
     * fetch sizes already bound.
     */
    private void checkHeaders(MessageHeaders headers, RecordOrigin coordinates) {
        int count = headers.all().size();
        if (count > maxHeaders) {
            throw new DecodingException("record has " + count + " headers, over the limit of " + maxHeaders, coordinates);
        }
        long bytes = HeaderMapping.sizeOf(headers);
        if (bytes > maxHeaderBytes) {
            throw new MessageTooLargeException("the record's headers", bytes, maxHeaderBytes, coordinates);
        }
    }

    /** Verifies and decrypts first (when the topic is protected), so untrusted bytes never reach the decoder. */
    private Message<SpecificRecord> decode(ConsumerRecord<byte[], byte[]> record, String originTopic,
            RecordOrigin coordinates) {
        if (record.value() == null) {
            throw new DecodingException("record has no value (a tombstone); iMSG records always carry an envelope",
                    coordinates);
        }
        byte[] value = protection.open(originTopic, record.key(), record.value(), record.headers(), coordinates);
        return codec.decode(value, coordinates);
    }

    /**
     * Publishes the outputs of the attempt that succeeded. All are encoded first: an output that
     * can never be sent dead-letters the input before any output is, so a message is never both
     * partly published and dead-lettered for that. Sending them is {@link OutputPublisher}'s job;
     * an output the broker then refuses for good (over its topic's record size, say) dead-letters
     * the input too, with the outputs sent before it published.
     */
    private Published publishOutputs(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin,
            DeliveryContext context, Message<SpecificRecord> message, PartitionLease lease) {
        List<KafkaPublisher.Prepared> prepared;
        try {
            prepared = outputs.prepare(context);
        } catch (RuntimeException unsendable) {
            return deadLetterInstead(record, origin, context, message, unsendable, lease);
        }
        try {
            return outputs.sendAll(record, prepared, lease) ? Published.ALL : Published.NOT_YET;
        } catch (OutputRefusedException refused) {
            // The outputs sent before it stay published: the broker answers one send at a time.
            log.warn("IMSG-1204 output of {}-{}@{} refused by the broker for good, the input is dead-lettered: {}",
                    record.topic(), record.partition(), record.offset(), refused.getMessage());
            return deadLetterInstead(record, origin, context, message, refused, lease);
        }
    }

    private Published deadLetterInstead(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin,
            DeliveryContext context, Message<SpecificRecord> message, RuntimeException cause, PartitionLease lease) {
        boolean written = deadLetter(record, origin, failure(cause, context.route().name(), context.attempt(), origin),
                message, lease);
        return written ? Published.DEAD_LETTERED : Published.NOT_YET;
    }

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> record, OriginalRecord origin, Failure failure,
            Message<?> message, PartitionLease lease) {
        boolean written = untilWritten(lease, () -> deadLetters.write(record, origin, failure),
                writeFailure -> log.warn("IMSG-1101 dead letter of {}-{}@{} not written, the offset stays uncommitted "
                        + "and the write is retried: {}", record.topic(), record.partition(), record.offset(),
                        writeFailure.toString()));
        if (written) {
            order.resolved(record, origin);
            log.debug("IMSG-1100 dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    failure.cause().toString());
            metrics.finished(Outcome.DEAD_LETTER, failure.route() == null ? "unknown" : failure.route(), origin.topic(),
                    message == null ? "unknown" : message.type(),
                    message == null ? "unknown" : message.priority().name());
        }
        return written;
    }

    private static Failure failure(Throwable cause, String route, int attempts, OriginalRecord origin) {
        Instant now = Instant.now();
        return new Failure(cause, route, attempts, origin.firstFailure().orElse(now), now);
    }
}
