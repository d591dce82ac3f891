package io.imsg.guice;

import io.imsg.api.Context;
import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.RouteInfo;
import io.imsg.api.header.MessageHeaders;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** A first attempt of a route, as a handler sees it, for calling routed handlers directly. */
record RecordingContext(RouteInfo route) implements Context {

    @Override
    public int attempt() {
        return 1;
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
        throw new UnsupportedOperationException("these tests emit nothing");
    }

    @Override
    public Context nextAttempt() {
        throw new UnsupportedOperationException("these tests make one attempt");
    }

    /** These tests publish nothing for real: an attempt counts as settled and published at once. */
    @Override
    public void onSettled(java.util.function.Consumer<Boolean> action) {
        action.accept(true);
    }
}
