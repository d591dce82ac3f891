package io.imsg.examples.orders.inventory;

import io.imsg.api.Context;
import io.imsg.api.Message;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLTransientException;

/**
 * Simulates a flaky database: the first attempt at a chosen share of messages fails with
 * {@link SQLTransientException} just before its transaction commits, so the transaction is rolled
 * back and iMSG's in-process retry runs the handler again. Which messages fail depends only on the
 * message id, so a run can be repeated. Counted as {@value #METER}. Thread-safe.
 */
public final class TransientFailures {

    /** The counter of injected failures. */
    public static final String METER = "imsg.example.injected.failures";

    private final int percent;
    private final Counter injected;

    /**
     * Fails the first attempt at {@code percent} percent of messages.
     *
     * @throws IllegalArgumentException if {@code percent} is not between 0 and 100
     */
    public TransientFailures(int percent, MeterRegistry registry) {
        this.percent = requirePercent(percent);
        this.injected = Counter.builder(METER).description("Simulated transient database failures")
                .register(registry);
    }

    /**
     * The one rule for the share, for the module and the service's options to check it early too.
     *
     * @throws IllegalArgumentException if {@code percent} is not between 0 and 100
     */
    public static int requirePercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("transient-failure-percent must be between 0 and 100, was " + percent);
        }
        return percent;
    }

    /** Throws for a chosen message's first attempt; call it inside the transaction, before the commit. */
    void maybeFail(Message<?> message, Context context) throws SQLTransientException {
        if (context.attempt() == 1 && Math.floorMod(message.id().hashCode(), 100) < percent) {
            injected.increment();
            throw new SQLTransientException("simulated transient database failure (message " + message.id() + ")");
        }
    }
}
