package io.imsg.testkit.fault;

import java.nio.charset.StandardCharsets;

/**
 * Decides, from a seed alone, which handler attempts fail: a fraction of attempts fail
 * transiently, and a fraction of messages fail permanently (every attempt). The decision is a pure
 * function of (seed, message id, attempt), with no shared state, so a handler in a child JVM, a
 * replacement started after a crash and the checker in the test all agree on every message.
 *
 * <pre>{@code
 * FailurePlan plan = new FailurePlan(seed, 0.05, 0.005);
 * switch (plan.outcome(message.id(), context.attempt())) {
 *     case TRANSIENT -> throw new IllegalStateException("planned transient failure");
 *     case PERMANENT -> throw new NonRetryableException("planned permanent failure");
 *     case SUCCEED -> { }
 * }
 * }</pre>
 *
 * @param seed the run's seed; print it, it reproduces the run
 * @param transientRate probability, per attempt, of a transient failure (0 to 1)
 * @param permanentRate probability, per message, that every attempt fails (0 to 1)
 */
public record FailurePlan(long seed, double transientRate, double permanentRate) {

    /** What a handler attempt does. */
    public enum Outcome { SUCCEED, TRANSIENT, PERMANENT }

    /** Attempt number mixed in for the per-message (permanent) decision; attempts start at 1. */
    private static final int PER_MESSAGE = 0;

    public FailurePlan {
        checkRate(transientRate, "transientRate");
        checkRate(permanentRate, "permanentRate");
    }

    /** A plan in which nothing fails. */
    public static FailurePlan none(long seed) {
        return new FailurePlan(seed, 0, 0);
    }

    /** The outcome of attempt {@code attempt} (from 1) at message {@code id}. */
    public Outcome outcome(String id, int attempt) {
        if (isPermanent(id)) {
            return Outcome.PERMANENT;
        }
        return unit(id, attempt) < transientRate ? Outcome.TRANSIENT : Outcome.SUCCEED;
    }

    /** Whether every attempt at message {@code id} fails. */
    public boolean isPermanent(String id) {
        return unit(id, PER_MESSAGE) < permanentRate;
    }

    /** A uniform number in [0, 1) determined by the seed, the id and the attempt. */
    private double unit(String id, int attempt) {
        long hash = seed;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            hash = mix(hash ^ (b & 0xFF));
        }
        hash = mix(hash ^ ((long) attempt << 32));
        return (hash >>> 11) * 0x1.0p-53; // the top 53 bits, the precision of a double
    }

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static void checkRate(double rate, String name) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + rate);
        }
    }
}
