package io.imsg.handler.retry;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a route retries a failed message in process: at most
 * {@link #maxAttempts()} attempts, separated by exponential backoffs with jitter. Immutable;
 * every setter checks its argument and {@link Builder#build()} checks the settings together.
 *
 * <p>The backoff before retry {@code k} (k = 1 for the second attempt) is
 * {@code initialBackoff × multiplier^(k-1)}, spread at random by ± {@code jitter} of itself and then
 * capped at {@code maxBackoff}.
 *
 * <p><b>Why there is a {@code maxTotalTime}.</b> A message retrying in process holds its worker,
 * and every later record of its key waits behind it (that is what keeps per-key order), its
 * partition cannot commit past it, and a rebalance waits for it up to the subscriber's revocation
 * timeout (10 s by default). So the retries must stay short and bounded: {@code build()} rejects a
 * policy whose worst-case total backoff (every backoff at its jittered and capped maximum, to the
 * millisecond, rounded up) exceeds {@code maxTotalTime}. The time the handler itself takes is not
 * part of it; bound that with a timeout. Failures that need longer belong in retry topics.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *         .maxAttempts(4)
 *         .initialBackoff(Duration.ofMillis(200))
 *         .maxTotalTime(Duration.ofSeconds(5))
 *         .build();
 * }</pre>
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = builder().build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final double jitter;
    private final Duration maxBackoff;
    private final Duration maxTotalTime;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.multiplier = builder.multiplier;
        this.jitter = builder.jitter;
        this.maxBackoff = builder.maxBackoff;
        this.maxTotalTime = builder.maxTotalTime;
    }

    /** 3 attempts, 100 ms then 200 ms (± 50%), capped at 2 s each, within 10 s in total. */
    public static RetryPolicy ofDefaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxAttempts(maxAttempts).initialBackoff(initialBackoff).multiplier(multiplier)
                .jitter(jitter).maxBackoff(maxBackoff).maxTotalTime(maxTotalTime);
    }

    /** Attempts in total, the first included; 1 means no retry. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public double multiplier() {
        return multiplier;
    }

    /** The randomization factor: each backoff is spread uniformly over ± this fraction of itself. */
    public double jitter() {
        return jitter;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration maxTotalTime() {
        return maxTotalTime;
    }

    /** The longest the backoffs of one message can add up to; never more than {@link #maxTotalTime()}. */
    public Duration worstCaseTotalBackoff() {
        return Duration.ofMillis(worstCaseTotalBackoffMillis(maxAttempts, initialBackoff, multiplier, jitter,
                maxBackoff));
    }

    /**
     * The backoff before retry {@code k} (Resilience4j's attempt numbering: 1 after the first
     * failure), in milliseconds. Resilience4j's exponential random backoff, with the cap applied
     * here once more so the bound {@link #worstCaseTotalBackoff()} relies on holds whatever order
     * the library applies jitter and cap in.
     */
    IntervalFunction backoff() {
        IntervalFunction exponential = IntervalFunction.ofExponentialRandomBackoff(
                initialBackoff.toMillis(), multiplier, jitter, maxBackoff.toMillis());
        long cap = maxBackoff.toMillis();
        return attempt -> Math.min(cap, exponential.apply(attempt));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", multiplier="
                + multiplier + ", jitter=" + jitter + ", maxBackoff=" + maxBackoff + ", maxTotalTime="
                + maxTotalTime + "]";
    }

    private static long worstCaseTotalBackoffMillis(int maxAttempts, Duration initial, double multiplier,
            double jitter, Duration max) {
        long cap = max.toMillis();
        long total = 0;
        double base = initial.toMillis();
        for (int retry = 1; retry < maxAttempts; retry++) {
            // Jitter draws below base × (1 + jitter) + 1 ms and truncates; +1 covers that and rounding.
            double jittered = Math.floor(base * (1 + jitter)) + 1;
            long backoff = jittered >= cap ? cap : (long) jittered;
            total += backoff;
            if (total >= Long.MAX_VALUE / 2) {
                return Long.MAX_VALUE / 2; // far past any sane maxTotalTime; avoid overflow
            }
            base = Math.min(base * multiplier, cap); // once capped, every further backoff is the cap
        }
        return total;
    }

    /** Settings of a {@link RetryPolicy}; each setter checks its argument and names it. */
    public static final class Builder {

        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(100);
        private double multiplier = 2.0;
        private double jitter = 0.5;
        private Duration maxBackoff = Duration.ofSeconds(2);
        private Duration maxTotalTime = Duration.ofSeconds(10);

        private Builder() {}

        /** Attempts in total, the first included (default 3); 1 turns retrying off. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** The backoff before the second attempt (default 100 ms); at least 1 ms. */
        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = atLeastOneMilli(backoff, "initialBackoff");
            return this;
        }

        /** How much each backoff grows over the one before (default 2.0); at least 1.0. */
        public Builder multiplier(double factor) {
            if (!(factor >= 1.0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("multiplier must be a finite number >= 1.0, was " + factor);
            }
            this.multiplier = factor;
            return this;
        }

        /** The randomization factor, from 0 (none) to 1 (default 0.5), so that failed keys do not retry in step. */
        public Builder jitter(double randomizationFactor) {
            if (!(randomizationFactor >= 0.0 && randomizationFactor <= 1.0)) {
                throw new IllegalArgumentException("jitter must be between 0.0 and 1.0, was " + randomizationFactor);
            }
            this.jitter = randomizationFactor;
            return this;
        }

        /** The longest single backoff, jitter included (default 2 s); at least {@code initialBackoff}. */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = atLeastOneMilli(backoff, "maxBackoff");
            return this;
        }

        /** The bound on one message's backoffs added up (default 10 s); see the class comment for why. */
        public Builder maxTotalTime(Duration total) {
            this.maxTotalTime = atLeastOneMilli(total, "maxTotalTime");
            return this;
        }

        /**
         * Checks the settings together.
         *
         * @throws IllegalArgumentException if {@code maxBackoff} is below {@code initialBackoff}, or
         *     the worst-case total backoff exceeds {@code maxTotalTime}
         */
        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must be >= initialBackoff (" + initialBackoff
                        + "), was " + maxBackoff);
            }
            long worstCase = worstCaseTotalBackoffMillis(maxAttempts, initialBackoff, multiplier, jitter, maxBackoff);
            if (worstCase > maxTotalTime.toMillis()) {
                throw new IllegalArgumentException("maxTotalTime must be >= the worst-case total backoff of "
                        + Duration.ofMillis(worstCase) + " (maxAttempts=" + maxAttempts + ", initialBackoff="
                        + initialBackoff + ", multiplier=" + multiplier + ", jitter=" + jitter + ", maxBackoff="
                        + maxBackoff + "), was " + maxTotalTime + "; a key waits while its message retries, so "
                        + "lower maxAttempts or the backoffs, or use a retry topic for longer waits");
            }
            return new RetryPolicy(this);
        }

        private static Duration atLeastOneMilli(Duration value, String name) {
            Objects.requireNonNull(value, name + " must not be null");
            if (value.toMillis() < 1) {
                throw new IllegalArgumentException(name + " must be >= 1 ms, was " + value);
            }
            return value;
        }
    }
}
