package io.imsg.api.receipt;

import io.imsg.api.Context;
import io.imsg.api.Message;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Answers a request from inside its handler. The reply is emitted like any output, so it is
 * published only if the handler succeeds, and it is correlated to the request by its causation id.
 *
 * <pre>{@code
 * Handler<StockQuery> answer = (request, context) ->
 *         Replies.reply(context, request, new StockLevel(sku, stock.level(sku)));
 * }</pre>
 */
public final class Replies {

    private Replies() {}

    /**
     * Emits {@code payload} as the reply to {@code request}, to the reply topic the request named.
     * Published with the handler's other outputs, but best effort: a reply that cannot be written
     * (the requester's topic is gone) is logged and dropped rather than retried.
     *
     * @return false, emitting nothing, when the request asked for no reply or named a topic outside
     *     {@link ReplyTopics#PREFIX}
     */
    public static <R extends SpecificRecord> boolean reply(Context context, Message<?> request, R payload) {
        Optional<String> topic = context.headers().replyTo().filter(ReplyTopics::isValid);
        if (topic.isEmpty()) {
            return false;
        }
        Message.Builder<R> reply = Message.builder(payload).causedBy(request);
        // Keyed by the requesting instance: each instance of a service keeps only its own replies.
        context.headers().instance().ifPresent(reply::key);
        request.source().ifPresent(source -> reply.target(source.service()));
        context.emit(topic.get(), reply.build());
        return true;
    }
}
