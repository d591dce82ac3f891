package io.imsg.kafka.receipts.internal;

import io.imsg.api.Context;
import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.RouteInfo;
import io.imsg.api.header.MessageHeaders;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * A context that remembers the latest attempt of its delivery. An outer middleware hands it down
 * the chain; when an inner one retries with {@link #nextAttempt()}, the new attempt is recorded,
 * so once the chain returns the outer middleware can emit on the attempt that succeeded (only that
 * attempt's outputs are published).
 */
public final class TrackingContext implements Context {

    private final Context delegate;
    private final AtomicReference<Context> latest;

    private TrackingContext(Context delegate, AtomicReference<Context> latest) {
        this.delegate = delegate;
        this.latest = latest;
    }

    public static TrackingContext of(Context first) {
        return new TrackingContext(first, new AtomicReference<>(first));
    }

    /** The latest attempt's own context. */
    public Context latest() {
        return latest.get();
    }

    @Override
    public int attempt() {
        return delegate.attempt();
    }

    @Override
    public RouteInfo route() {
        return delegate.route();
    }

    @Override
    public RecordOrigin origin() {
        return delegate.origin();
    }

    @Override
    public MessageHeaders headers() {
        return delegate.headers();
    }

    @Override
    public <T extends SpecificRecord> void emit(String topic, Message<T> message) {
        delegate.emit(topic, message);
    }

    @Override
    public Context nextAttempt() {
        Context next = delegate.nextAttempt();
        latest.set(next);
        return new TrackingContext(next, latest);
    }

    @Override
    public void onSettled(Consumer<Boolean> action) {
        delegate.onSettled(action);
    }
}
