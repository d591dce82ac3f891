package io.imsg.kafka.consume.internal;

import io.imsg.api.Context;
import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.RouteInfo;
import io.imsg.api.header.MessageHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@link Context} of one attempt: its number and its buffer of emitted outputs, plus what all
 * attempts of one delivery share (route, origin, headers, and which attempt is the latest).
 *
 * <p>Each attempt is immutable apart from its own buffer. {@link #nextAttempt()} makes a fresh
 * attempt and marks it the latest of the delivery, so after the handler chain returns or throws
 * the {@link RecordProcessor} reads {@link #latest()} and publishes that attempt's outputs, or
 * reports its number in the dead-letter headers; earlier attempts' outputs are never published.
 */
final class DeliveryContext implements Context {

    /** A message a handler asked to send, published only after the handler succeeded. */
    record Output(String topic, Message<? extends SpecificRecord> message) {}

    /** What the attempts of one delivery share. */
    private record Delivery(RouteInfo route, RecordOrigin origin, MessageHeaders headers,
            AtomicReference<DeliveryContext> latest) {}

    private final Delivery delivery;
    private final int attempt;
    private final List<Output> outputs = new ArrayList<>(1);

    private DeliveryContext(Delivery delivery, int attempt) {
        this.delivery = delivery;
        this.attempt = attempt;
    }

    /** The first attempt of a delivery in this process; {@code attempt} is carried over from a retry topic. */
    static DeliveryContext first(int attempt, RouteInfo route, RecordOrigin origin, MessageHeaders headers) {
        Delivery delivery = new Delivery(route, origin, headers, new AtomicReference<>());
        DeliveryContext first = new DeliveryContext(delivery, attempt);
        delivery.latest().set(first);
        return first;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public RouteInfo route() {
        return delivery.route();
    }

    @Override
    public RecordOrigin origin() {
        return delivery.origin();
    }

    @Override
    public MessageHeaders headers() {
        return delivery.headers();
    }

    @Override
    public <T extends SpecificRecord> void emit(String topic, Message<T> message) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(message, "message");
        outputs.add(new Output(topic, message));
    }

    @Override
    public Context nextAttempt() {
        // The attempt number comes from a header a sender could forge; saturate rather than overflow.
        int nextNumber = attempt == Integer.MAX_VALUE ? attempt : attempt + 1;
        DeliveryContext next = new DeliveryContext(delivery, nextNumber);
        if (!delivery.latest().compareAndSet(this, next)) {
            throw new IllegalStateException("nextAttempt() called on attempt " + attempt + " of " + origin()
                    + ", which is no longer the latest attempt; call it once per attempt, on the latest one");
        }
        return next;
    }

    /** The latest attempt of this delivery: the one whose outputs are published and whose number is reported. */
    DeliveryContext latest() {
        return delivery.latest().get();
    }

    List<Output> outputs() {
        return outputs;
    }
}
