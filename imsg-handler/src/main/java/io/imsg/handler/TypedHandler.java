package io.imsg.handler;

import io.imsg.api.Context;
import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.api.failure.NonRetryableException;
import org.apache.avro.specific.SpecificRecord;

/**
 * Adapts a typed {@code Handler<T>} to the erased handler that middleware works on. The payload's
 * class is checked once per message so that a decoder mismatch surfaces as a clear non-retryable
 * failure naming the route, not as a {@link ClassCastException} somewhere inside user code.
 */
final class TypedHandler<T extends SpecificRecord> implements Handler<SpecificRecord> {

    private final String routeName;
    private final Class<T> payloadType;
    private final Handler<T> delegate;

    TypedHandler(String routeName, Class<T> payloadType, Handler<T> delegate) {
        this.routeName = routeName;
        this.payloadType = payloadType;
        this.delegate = delegate;
    }

    @Override
    public void handle(Message<SpecificRecord> message, Context context) throws Exception {
        SpecificRecord payload = message.payload();
        if (!payloadType.isInstance(payload)) {
            throw new NonRetryableException("route '" + routeName + "' accepts " + payloadType.getName()
                    + " but message " + message.id() + " carries " + payload.getClass().getName());
        }
        @SuppressWarnings("unchecked") // safe: the payload was checked to be a T just above
        Message<T> typed = (Message<T>) (Message<?>) message;
        delegate.handle(typed, context);
    }

    @Override
    public String toString() {
        return "TypedHandler[" + routeName + " -> " + delegate + "]";
    }
}
