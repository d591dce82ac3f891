package io.imsg.handler.testing;

import io.imsg.api.Context;
import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.RouteInfo;
import io.imsg.api.header.MessageHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@link Context} for unit tests: attempt 1 by default, emitted messages kept in a list. Like the
 * real one, {@link #nextAttempt()} gives a fresh attempt with an empty list, and {@link #attempts()}
 * lists every attempt of the delivery, so a test can check which one's outputs would be published
 * (the last).
 */
public final class TestContext implements Context {

    /** One buffered output, as a handler emitted it. */
    public record Emitted(String topic, Message<?> message) {}

    private final RouteInfo route;
    private final int attempt;
    private final List<TestContext> attempts;
    private final List<Map.Entry<TestContext, Consumer<Boolean>>> settlements;
    private final List<Emitted> emitted = new ArrayList<>();

    public TestContext(RouteInfo route) {
        this(route, 1);
    }

    public TestContext(RouteInfo route, int attempt) {
        this(route, attempt, Collections.synchronizedList(new ArrayList<>()),
                Collections.synchronizedList(new ArrayList<>()));
    }

    private TestContext(RouteInfo route, int attempt, List<TestContext> attempts,
            List<Map.Entry<TestContext, Consumer<Boolean>>> settlements) {
        this.route = route;
        this.attempt = attempt;
        this.attempts = attempts;
        this.settlements = settlements;
        attempts.add(this);
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public RouteInfo route() {
        return route;
    }

    @Override
    public RecordOrigin origin() {
        return new RecordOrigin(route.topic(), 0, 42L, Instant.EPOCH);
    }

    @Override
    public MessageHeaders headers() {
        return MessageHeaders.empty();
    }

    @Override
    public <T extends SpecificRecord> void emit(String topic, Message<T> message) {
        emitted.add(new Emitted(topic, message));
    }

    @Override
    public Context nextAttempt() {
        synchronized (attempts) {
            if (attempts.get(attempts.size() - 1) != this) {
                throw new IllegalStateException("nextAttempt() called on attempt " + attempt
                        + ", which is no longer the latest attempt");
            }
            return new TestContext(route, attempt + 1, attempts, settlements);
        }
    }

    @Override
    public void onSettled(Consumer<Boolean> action) {
        settlements.add(Map.entry(this, action));
    }

    /**
     * Settles the delivery as a subscriber does after publishing: actions of the latest attempt
     * learn {@code published}, those of earlier attempts learn false.
     */
    public void settle(boolean published) {
        TestContext latest = latest();
        synchronized (settlements) {
            settlements.forEach(entry -> entry.getValue().accept(published && entry.getKey() == latest));
            settlements.clear();
        }
    }

    /**
     * Delivers {@code message} the way a subscriber does: the handler runs and, when it returns, the
     * delivery settles as published (its outputs acknowledged).
     */
    public static void deliver(io.imsg.api.Handler<org.apache.avro.specific.SpecificRecord> handler,
            Message<org.apache.avro.specific.SpecificRecord> message, TestContext context) throws Exception {
        handler.handle(message, context);
        context.settle(true);
    }

    public List<Emitted> emitted() {
        return List.copyOf(emitted);
    }

    /** Every attempt of this delivery, this one's predecessors and successors included, in order. */
    public List<TestContext> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    /** The latest attempt of this delivery: the one whose outputs a subscriber would publish. */
    public TestContext latest() {
        synchronized (attempts) {
            return attempts.get(attempts.size() - 1);
        }
    }
}
