package io.imsg.kafka.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Owns the one Kafka producer of a service and turns its callbacks into futures. Thread-safe, as
 * the Kafka producer is. Everything iMSG writes (messages, handler outputs, dead letters) goes
 * through here, so one idempotent {@code acks=all} producer serves them all.
 */
public final class RecordSender implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;

    public RecordSender(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Sends a record. The future completes when the broker acknowledged it, or exceptionally with
     * the producer's exception; a synchronous failure of {@code send} fails the future too.
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, exception) -> {
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

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
