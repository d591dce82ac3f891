package io.imsg.kafka.redrive;

import io.imsg.kafka.Checks;
import java.time.Duration;

/**
 * How {@link DeadLetterReader} and {@link Redriver} use Kafka. Immutable; every component is checked.
 *
 * <pre>{@code
 * RedriveSettings settings = RedriveSettings.ofDefaults().withTimeout(Duration.ofSeconds(10));
 * }</pre>
 *
 * @param timeout bound on each Kafka request and on a read that stops making progress; 30 s
 * @param batchSize dead letters republished before one flush and one round of ledger writes; 100.
 *     It is also the most that a crash can republish twice (see {@link Redriver})
 */
public record RedriveSettings(Duration timeout, int batchSize) {

    private static final RedriveSettings DEFAULTS = new RedriveSettings(Duration.ofSeconds(30), 100);

    public RedriveSettings {
        Checks.positive(timeout, "timeout");
        Checks.atLeast(batchSize, 1, "batchSize");
    }

    public static RedriveSettings ofDefaults() {
        return DEFAULTS;
    }

    public RedriveSettings withTimeout(Duration value) {
        return new RedriveSettings(value, batchSize);
    }

    public RedriveSettings withBatchSize(int value) {
        return new RedriveSettings(timeout, value);
    }
}
