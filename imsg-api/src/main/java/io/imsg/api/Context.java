package io.imsg.api;

import io.imsg.api.header.MessageHeaders;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a handler knows about one attempt at one message, and how it sends follow-up messages.
 *
 * <p>A context belongs to one attempt on one thread; do not keep it after the handler returns.
 * Messages passed to {@link #emit} are buffered and published only after the handler (and every
 * middleware around it) succeeds, and the consumed record's offset is committed only after they
 * were acknowledged. A retried attempt starts with an empty buffer, so a retry never
 * double-publishes.
 *
 * <p>A middleware that retries in process (see {@code io.imsg.handler.retry.RetryMiddleware}) runs
 * each further attempt with {@link #nextAttempt()} of the attempt that failed:
 *
 * <pre>{@code
 * try {
 *     next.handle(message, context);
 * } catch (TimeoutException transientFailure) {
 *     next.handle(message, context.nextAttempt()); // attempt() + 1, nothing emitted yet
 * }
 * }</pre>
 */
public interface Context {

    /** The attempt number, starting at 1. */
    int attempt();

    /** The route handling this message. */
    RouteInfo route();

    /** The Kafka coordinates of the consumed record. */
    RecordOrigin origin();

    /** The consumed record's iMSG headers, through typed accessors. */
    MessageHeaders headers();

    /** Buffers {@code message} for {@code topic}; it is published after the handler succeeds. */
    <T extends SpecificRecord> void emit(String topic, Message<T> message);

    /**
     * A context for the next attempt at the same message: {@link #attempt()} + 1, the same route,
     * origin and headers, and nothing emitted. Only the outputs of the attempt that succeeds are
     * published; whatever this attempt emitted is discarded, and the delivery reports the last
     * attempt's number (in dead-letter headers, for example).
     *
     * <p>Call it once per attempt, on the latest context of the delivery, after deciding that
     * another attempt will run; calling it again, or on a superseded context, throws
     * {@link IllegalStateException}, because two "next" attempts of one delivery would leave it
     * unclear whose outputs to publish.
     */
    Context nextAttempt();

    /**
     * Runs {@code action} once this delivery is settled: with {@code true} if this attempt is the one
     * that succeeded and every message it emitted was acknowledged (replies and receipts aside: those
     * are best effort, and one that could not be written is dropped), with {@code false} otherwise
     * (this attempt failed, or the record was dead-lettered or will be consumed again). Actions run
     * on the handler's thread, in registration order, after the outputs were written.
     *
     * <p>This is how an effect becomes final only once the outputs are out: {@code DedupMiddleware}
     * completes its idempotency claim here, so a crash between the handler and its outputs leads to
     * a redelivery, not to outputs that are never sent. If an action throws while settling
     * {@code true}, the record is not committed and its partition is consumed again from its first
     * unfinished record, after a delay of 1 s that doubles while the same record keeps coming back, up
     * to 30 s.
     */
    void onSettled(java.util.function.Consumer<Boolean> action);
}
