package io.imsg.examples.load;

import io.imsg.api.failure.NonRetryableException;
import io.imsg.api.failure.RetryableException;

/**
 * Which messages of a load run fail, decided by sequence number so a run can be repeated and its
 * counts checked: {@code retryPercent} of them fail their first attempt (retryable, then succeed),
 * {@code deadLetterPercent} fail for good (non-retryable, so they go to the dead-letter topic).
 */
record Faults(double retryPercent, double deadLetterPercent) {

    private static final long SCALE = 1_000_000;

    Faults {
        check(retryPercent, "failurePercent");
        check(deadLetterPercent, "deadLetterPercent");
        if (retryPercent + deadLetterPercent > 100) {
            throw new IllegalArgumentException("failurePercent + deadLetterPercent must be <= 100, was "
                    + (retryPercent + deadLetterPercent));
        }
    }

    static Faults none() {
        return new Faults(0, 0);
    }

    boolean any() {
        return retryPercent > 0 || deadLetterPercent > 0;
    }

    boolean deadLetters(long seq) {
        return bucket(seq) < deadLetterPercent / 100 * SCALE;
    }

    boolean failsFirstAttempt(long seq) {
        long bucket = bucket(seq);
        return bucket >= deadLetterPercent / 100 * SCALE && bucket < (deadLetterPercent + retryPercent) / 100 * SCALE;
    }

    /** How many of the messages {@code 0..count-1} will be dead-lettered. */
    long deadLetterCount(long count) {
        long n = 0;
        for (long seq = 0; seq < count; seq++) {
            n += deadLetters(seq) ? 1 : 0;
        }
        return n;
    }

    /** Throws what the handler's attempt should throw, or returns when it should succeed. */
    void apply(long seq, int attempt) {
        if (deadLetters(seq)) {
            throw new NonRetryableException("load message " + seq + " fails for good (simulated)");
        }
        if (attempt == 1 && failsFirstAttempt(seq)) {
            throw new RetryableException("load message " + seq + " fails its first attempt (simulated)");
        }
    }

    /** A fixed scramble of the sequence number (SplitMix64), so failures spread over keys. */
    private static long bucket(long seq) {
        long z = seq + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return Math.floorMod(z ^ (z >>> 31), SCALE);
    }

    private static void check(double percent, String name) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException(name + " must be between 0 and 100, was " + percent);
        }
    }
}
