package io.imsg.examples.testing;

import io.imsg.api.Context;
import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.RouteInfo;
import io.imsg.api.header.MessageHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** An attempt's context that keeps what the handler emitted; the first attempt unless told otherwise. */
public final class EmittingContext implements Context {

    /** One message a handler emitted. */
    public record Emitted(String topic, Message<? extends SpecificRecord> message) {}

    private final RouteInfo route;
    private final int attempt;
    private final List<Emitted> emitted = new ArrayList<>();

    public EmittingContext(RouteInfo route) {
        this(route, 1);
    }

    private EmittingContext(RouteInfo route, int attempt) {
        this.route = route;
        this.attempt = attempt;
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
        return new RecordOrigin(route.topic(), 0, 0, Instant.EPOCH);
    }

    @Override
    public MessageHeaders headers() {
        return MessageHeaders.empty();
    }

    @Override
    public <T extends SpecificRecord> void emit(String topic, Message<T> message) {
        emitted.add(new Emitted(topic, message));
    }

    public List<Emitted> emitted() {
        return emitted;
    }

    @Override
    public EmittingContext nextAttempt() {
        return new EmittingContext(route, attempt + 1);
    }

    /** These tests publish nothing for real: an attempt counts as settled and published at once. */
    @Override
    public void onSettled(java.util.function.Consumer<Boolean> action) {
        action.accept(true);
    }
}
