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
import java.util.function.BooleanSupplier;
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

    boolean process(ConsumerRecord<byte[], byte[]> record, BooleanSupplier owned) {
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
            return deadLetter(record, Failure.now(unusable, null, 0), null, owned);
        }
        MessageHeaders headers = HeaderMapping.view(record.headers());
        DeliveryContext context = new DeliveryContext(headers.attempt().orElse(1), route.info(), origin, headers);
        try {
            route.handler().handle(message, context);
        } catch (Exception failure) {
            // Retries (in-process and retry topics) wrap this point; without them a failure is final.
            return deadLetter(record, Failure.now(failure, route.info().name(), context.attempt()), message, owned);
        }
        return publishOutputs(record, context, message, owned);
    }

    private Message<SpecificRecord> decode(ConsumerRecord<byte[], byte[]> record, RecordOrigin origin) {
        if (record.value() == null) {
            throw new DecodingException("record has no value (a tombstone); iMSG records always carry an envelope",
                    origin);
        }
        return codec.decode(record.value(), origin);
    }

    private boolean publishOutputs(ConsumerRecord<byte[], byte[]> record, DeliveryContext context,
            Message<SpecificRecord> message, BooleanSupplier owned) {
        List<DeliveryContext.Output> pending = new ArrayList<>(context.outputs());
        Backoff backoff = new Backoff(BACKOFF_START, BACKOFF_MAX);
        while (!pending.isEmpty()) {
            List<DeliveryContext.Output> failed = new ArrayList<>();
            for (DeliveryContext.Output output : pending) {
                Throwable failure = await(outputs.publish(output.topic(), output.message()));
                if (failure == null) {
                    continue;
                }
                if (!classifier.isRetryable(failure)) {
                    return deadLetter(record, Failure.now(failure, context.route().name(), context.attempt()),
                            message, owned);
                }
                log.warn("IMSG-1201 output of {} to {} failed, will retry: {}", record, output.topic(), failure.toString());
                failed.add(output);
            }
            pending = failed;
            if (!pending.isEmpty() && !(owned.getAsBoolean() && backoff.pause())) {
                return false;
            }
        }
        return true;
    }

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> record, Failure failure, Message<?> message,
            BooleanSupplier owned) {
        Backoff backoff = new Backoff(BACKOFF_START, BACKOFF_MAX);
        while (true) {
            Throwable writeFailure = await(deadLetters.write(record, failure));
            if (writeFailure == null) {
                log.debug("IMSG-1100 dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        failure.cause().toString());
                metrics.deadLettered(failure.route() == null ? "unknown" : failure.route(), record.topic(),
                        message == null ? "unknown" : message.type(),
                        message == null ? "unknown" : message.priority().name());
                return true;
            }
            log.warn("IMSG-1101 dead letter of {}-{}@{} not written, the offset stays uncommitted and the write is "
                    + "retried: {}", record.topic(), record.partition(), record.offset(), writeFailure.toString());
            if (!(owned.getAsBoolean() && backoff.pause())) {
                return false;
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
