package io.imsg.kafka.consume.internal;

import io.imsg.api.Context;
import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.RouteInfo;
import io.imsg.api.header.MessageHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(DeliveryContext.class);

    /** A message a handler asked to send, published only after the handler succeeded. */
    record Output(String topic, Message<? extends SpecificRecord> message) {}

    /** What the attempts of one delivery share. */
    private record Delivery(RouteInfo route, RecordOrigin origin, MessageHeaders headers,
            AtomicReference<DeliveryContext> latest, List<Settlement> settlements) {}

    /** An action registered by one attempt, run when the delivery settles. */
    private record Settlement(DeliveryContext attempt, Consumer<Boolean> action) {}

    private final Delivery delivery;
    private final int attempt;
    private final List<Output> outputs = new ArrayList<>(1);

    private DeliveryContext(Delivery delivery, int attempt) {
        this.delivery = delivery;
        this.attempt = attempt;
    }

    /** The first attempt of a delivery in this process; {@code attempt} is carried over from a retry topic. */
    static DeliveryContext first(int attempt, RouteInfo route, RecordOrigin origin, MessageHeaders headers) {
        Delivery delivery = new Delivery(route, origin, headers, new AtomicReference<>(), new ArrayList<>(1));
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

    @Override
    public void onSettled(Consumer<Boolean> action) {
        // Attempts of one delivery run one after another on one worker thread: a plain list suffices.
        delivery.settlements().add(new Settlement(this, Objects.requireNonNull(action, "action")));
    }

    /**
     * Settles the delivery once: every registered action learns whether its attempt's outputs were
     * published. Returns false if an action threw while its attempt was being settled as published.
     */
    boolean settle(boolean latestPublished) {
        boolean allFinal = true;
        DeliveryContext latest = latest();
        for (Settlement settlement : delivery.settlements()) {
            boolean published = latestPublished && settlement.attempt() == latest;
            try {
                settlement.action().accept(published);
            } catch (RuntimeException e) {
                log.warn("IMSG-1203 an onSettled action of {} failed: {}", origin(), e.toString());
                allFinal &= !published;
            }
        }
        delivery.settlements().clear();
        return allFinal;
    }

    /** The latest attempt of this delivery: the one whose outputs are published and whose number is reported. */
    DeliveryContext latest() {
        return delivery.latest().get();
    }

    List<Output> outputs() {
        return outputs;
    }
}
