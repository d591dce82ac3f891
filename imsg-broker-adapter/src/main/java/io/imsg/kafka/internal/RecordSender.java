package io.imsg.kafka.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Owns the Kafka producer of a service and turns its callbacks into futures. Thread-safe, as the
 * Kafka producer is. Everything iMSG writes (messages, handler outputs, dead letters) goes through
 * here, so one idempotent {@code acks=all} producer serves them all, with one exception: a dead
 * letter or retry record copies a consumed record, which its topic may have allowed to be larger
 * than anything this service sends. Such a copy goes through a second producer, made on first use,
 * whose request size fits it; the first keeps the request size its own messages need, and so its
 * batching.
 */
public final class RecordSender implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final long largestOrdinaryRecord;
    private final Supplier<Producer<byte[], byte[]>> copyingFactory;
    private Producer<byte[], byte[]> copying;
    private boolean closed;

    /** A sender with one producer for everything. */
    public RecordSender(Producer<byte[], byte[]> producer) {
        this(producer, Long.MAX_VALUE, null);
    }

    /**
     * @param largestOrdinaryRecord the largest record (key, value and headers) {@code producer} is
     *     sized for; a copy above it goes to the producer {@code copyingProducer} makes
     */
    public RecordSender(Producer<byte[], byte[]> producer, long largestOrdinaryRecord,
            Supplier<Producer<byte[], byte[]>> copyingProducer) {
        this.producer = producer;
        this.largestOrdinaryRecord = largestOrdinaryRecord;
        this.copyingFactory = copyingProducer;
    }

    /**
     * Sends a record. The future completes when the broker acknowledged it, or exceptionally with
     * the producer's exception; a synchronous failure of {@code send} fails the future too.
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(producer, record);
    }

    /** Sends a record that copies a consumed one (a dead letter, a retry record), whatever its size. */
    public CompletableFuture<RecordMetadata> sendCopy(ProducerRecord<byte[], byte[]> record) {
        if (copyingFactory == null || sizeOf(record) <= largestOrdinaryRecord) {
            return send(producer, record);
        }
        Producer<byte[], byte[]> large;
        try {
            large = copying();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return send(large, record);
    }

    private static CompletableFuture<RecordMetadata> send(Producer<byte[], byte[]> target,
            ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        try {
            target.send(record, (metadata, exception) -> {
                if (exception != null) {
                    future.completeExceptionally(exception);
                } else {
                    future.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    private static long sizeOf(ProducerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length)
                + HeaderMapping.sizeOf(record.headers());
    }

    private synchronized Producer<byte[], byte[]> copying() {
        if (closed) {
            throw new IllegalStateException("the sender is closed"); // a late worker must not make a producer
        }
        if (copying == null) {
            copying = copyingFactory.get();
        }
        return copying;
    }

    public void flush() {
        producer.flush();
        Producer<byte[], byte[]> large;
        synchronized (this) {
            large = copying;
        }
        if (large != null) {
            large.flush();
        }
    }

    @Override
    public void close() {
        Producer<byte[], byte[]> large;
        synchronized (this) {
            closed = true;
            large = copying;
        }
        try {
            producer.close(Duration.ofSeconds(30));
        } finally {
            if (large != null) {
                large.close(Duration.ofSeconds(30));
            }
        }
    }
}
