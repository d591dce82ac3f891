package io.imsg.kafka.consume.internal;

import io.imsg.api.Context;
import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.RouteInfo;
import io.imsg.api.header.MessageHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/** The {@link Context} of one attempt: coordinates plus the buffer of emitted outputs. */
final class DeliveryContext implements Context {

    /** A message a handler asked to send, published only after the handler succeeded. */
    record Output(String topic, Message<? extends SpecificRecord> message) {}

    private final int attempt;
    private final RouteInfo route;
    private final RecordOrigin origin;
    private final MessageHeaders headers;
    private final List<Output> outputs = new ArrayList<>(1);

    DeliveryContext(int attempt, RouteInfo route, RecordOrigin origin, MessageHeaders headers) {
        this.attempt = attempt;
        this.route = route;
        this.origin = origin;
        this.headers = headers;
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
        return origin;
    }

    @Override
    public MessageHeaders headers() {
        return headers;
    }

    @Override
    public <T extends SpecificRecord> void emit(String topic, Message<T> message) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(message, "message");
        outputs.add(new Output(topic, message));
    }

    List<Output> outputs() {
        return outputs;
    }
}
