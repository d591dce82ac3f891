package io.imsg.handler.metrics;

import io.imsg.api.metrics.Outcome;

import io.imsg.api.Context;
import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.micrometer.core.instrument.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;

/** Times and counts each call of the handler it wraps; failures are recorded and rethrown unchanged. */
final class MeasuredHandler implements Handler<SpecificRecord> {

    private final RouteMeters meters;
    private final Clock clock;
    private final Handler<SpecificRecord> next;

    MeasuredHandler(RouteMeters meters, Clock clock, Handler<SpecificRecord> next) {
        this.meters = meters;
        this.clock = clock;
        this.next = next;
    }

    @Override
    public void handle(Message<SpecificRecord> message, Context context) throws Exception {
        long start = clock.monotonicTime();
        try {
            next.handle(message, context);
        } catch (Throwable failure) {
            try {
                record(message, Outcome.FAILURE, start);
            } catch (RuntimeException meterFailure) {
                failure.addSuppressed(meterFailure); // the handler's failure is the one that matters
            }
            throw failure;
        }
        record(message, Outcome.SUCCESS, start);
        recordLatency(message);
    }

    private void record(Message<SpecificRecord> message, Outcome outcome, long start) {
        meters.handlerDuration(outcome).record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
        meters.handled(message.priority(), outcome).increment();
    }

    /**
     * Only successes count: a failed attempt has not reached the end of the message's journey, and
     * counting every attempt would let retries inflate the percentiles.
     */
    private void recordLatency(Message<SpecificRecord> message) {
        long latency;
        try {
            latency = Math.subtractExact(clock.wallTime(), message.createdAt().toEpochMilli());
        } catch (ArithmeticException outOfRange) {
            return; // a created-at beyond the epoch-millis range is nonsense; it must not fail a success
        }
        // The sender's clock may run ahead of ours; a negative latency means "no measurable delay".
        meters.latency(message.priority()).record(Math.max(0, latency), TimeUnit.MILLISECONDS);
    }
}
