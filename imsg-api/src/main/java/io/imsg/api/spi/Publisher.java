package io.imsg.api.spi;

import io.imsg.api.Message;
import io.imsg.api.failure.ImsgException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;

/**
 * Sends typed messages. Thread-safe: one publisher per service is the intended use.
 *
 * <p>The returned future completes when the broker acknowledged the write (with the durability the
 * implementation promises, {@code acks=all} for Kafka), or exceptionally with an
 * {@link ImsgException} subtype. A message that cannot be sent at all, such as one over the size
 * limit, fails the future without touching the broker.
 *
 * <pre>{@code
 * PublishResult sent = publisher.publish("orders", Message.of(order)).join();
 * }</pre>
 */
public interface Publisher extends AutoCloseable {

    <T extends SpecificRecord> CompletableFuture<PublishResult> publish(String topic, Message<T> message);

    /** Publishes and waits for the acknowledgement; failures are thrown as {@link ImsgException}. */
    default <T extends SpecificRecord> PublishResult publishAndWait(String topic, Message<T> message, Duration timeout) {
        CompletableFuture<PublishResult> future = publish(topic, message);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImsgException("interrupted while publishing " + message.id() + " to " + topic, e);
        } catch (TimeoutException e) {
            throw new ImsgException("no acknowledgement for " + message.id() + " to " + topic + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ImsgException imsg
                    ? imsg
                    : new ImsgException("publishing " + message.id() + " to " + topic + " failed", e.getCause());
        }
    }

    /** Flushes what is in flight and releases the connection. */
    @Override
    void close();
}
