package io.imsg.handler.testing;

import io.imsg.api.Context;
import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.RouteInfo;
import io.imsg.api.header.MessageHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** A {@link Context} for unit tests: attempt 1 by default, emitted messages kept in a list. */
public final class TestContext implements Context {

    /** One buffered output, as a handler emitted it. */
    public record Emitted(String topic, Message<?> message) {}

    private final RouteInfo route;
    private final int attempt;
    private final List<Emitted> emitted = new ArrayList<>();

    public TestContext(RouteInfo route) {
        this(route, 1);
    }

    public TestContext(RouteInfo route, int attempt) {
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

    public List<Emitted> emitted() {
        return List.copyOf(emitted);
    }
}
