package io.imsg.handler.retry;

import io.github.resilience4j.retry.Retry;
import io.imsg.api.Context;
import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.api.metrics.Outcome;
import io.imsg.handler.metrics.RouteMeters;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one route's handler under its Resilience4j {@link Retry}: each attempt after the first gets
 * {@link Context#nextAttempt()} of the one that failed, so it starts with an empty output buffer.
 * Resilience4j decides whether to retry and sleeps the backoff; when it will not retry (a failure
 * the classifier calls permanent, the last attempt, or an interrupted backoff) it rethrows the
 * failure it was given, so the caller sees the very instance the handler threw.
 */
final class RetryingHandler implements Handler<SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(RetryingHandler.class);

    private final Retry retry;
    private final RouteMeters meters;
    private final Handler<SpecificRecord> next;

    /** {@code meters} may be null: then retries are counted only by Resilience4j's own metrics. */
    RetryingHandler(Retry retry, RouteMeters meters, Handler<SpecificRecord> next) {
        this.retry = retry;
        this.meters = meters;
        this.next = next;
    }

    @Override
    public void handle(Message<SpecificRecord> message, Context context) throws Exception {
        Retry.Context<Void> attempts = retry.context();
        Context attempt = context;
        while (true) {
            try {
                next.handle(message, attempt);
            } catch (Exception failure) {
                // Returns only after the backoff, when another attempt is due; otherwise throws `failure`.
                attempts.onError(failure);
                recordRetry(message, attempt, failure);
                attempt = attempt.nextAttempt();
                continue;
            }
            attempts.onComplete();
            return;
        }
    }

    private void recordRetry(Message<SpecificRecord> message, Context failed, Exception failure) {
        log.debug("IMSG-1301 route {} attempt {} at {} failed, retrying in process: {}", failed.route().name(),
                failed.attempt(), failed.origin(), failure.toString());
        if (meters == null) {
            return;
        }
        try {
            meters.handled(message.priority(), Outcome.RETRY).increment();
        } catch (RuntimeException meterFailure) {
            // A broken meter must not turn a retry into a dead letter.
            log.warn("IMSG-1302 route {}: recording a retry failed: {}", failed.route().name(), meterFailure.toString());
        }
    }
}
