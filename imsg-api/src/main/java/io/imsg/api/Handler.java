package io.imsg.api;

import org.apache.avro.specific.SpecificRecord;

/**
 * Handles one message type. The whole contract is one method.
 *
 * <p>A handler returns normally when the message was handled; it throws to ask for a retry or a
 * dead letter (see {@link io.imsg.api.failure.FailureClassifier}). It may be called again for the
 * same message (at-least-once delivery), so effects should be keyed by {@link Message#id()}.
 * Handlers of different keys run concurrently; one key's messages run one at a time, in order.
 *
 * <pre>{@code
 * Handler<OrderPlaced> reserve = (message, context) -> {
 *     OrderPlaced order = message.payload();
 *     context.emit("inventory-events", Message.builder(reserved(order)).causedBy(message).build());
 * };
 * }</pre>
 *
 * @param <T> the Avro payload type
 */
@FunctionalInterface
public interface Handler<T extends SpecificRecord> {

    void handle(Message<T> message, Context context) throws Exception;
}
