package io.imsg.kafka.consume;

import io.imsg.kafka.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link KafkaSubscriber} consumes: its group, concurrency, bounds and commit cadence.
 * Immutable; validated when built.
 *
 * <pre>{@code
 * SubscriberSettings settings = SubscriberSettings.builder("inventory-service")
 *         .concurrency(32)
 *         .maxInFlight(5_000)
 *         .build();
 * }</pre>
 */
public final class SubscriberSettings {

    private final String groupId;
    private final int concurrency;
    private final int maxInFlight;
    private final long maxInFlightBytes;
    private final Ordering ordering;
    private final Duration commitInterval;
    private final int maxPollRecords;
    private final Duration pollTimeout;
    private final Duration closeTimeout;
    private final Duration revocationTimeout;

    private SubscriberSettings(Builder b) {
        this.groupId = b.groupId;
        this.concurrency = b.concurrency;
        this.maxInFlight = b.maxInFlight;
        this.maxInFlightBytes = b.maxInFlightBytes;
        this.ordering = b.ordering;
        this.commitInterval = b.commitInterval;
        this.maxPollRecords = b.maxPollRecords;
        this.pollTimeout = b.pollTimeout;
        this.closeTimeout = b.closeTimeout;
        this.revocationTimeout = b.revocationTimeout;
    }

    public static Builder builder(String groupId) {
        return new Builder(groupId);
    }

    public Builder toBuilder() {
        return new Builder(groupId).concurrency(concurrency).maxInFlight(maxInFlight)
                .maxInFlightBytes(maxInFlightBytes).ordering(ordering).commitInterval(commitInterval)
                .maxPollRecords(maxPollRecords).pollTimeout(pollTimeout).closeTimeout(closeTimeout)
                .revocationTimeout(revocationTimeout);
    }

    /** The Kafka consumer group; services of one kind share it. */
    public String groupId() { return groupId; }

    /** Worker threads running handlers. */
    public int concurrency() { return concurrency; }

    /** Records polled but not yet finished; above it, partitions are paused (not the poll loop). */
    public int maxInFlight() { return maxInFlight; }

    /** Bytes of records polled but not yet finished; above it, partitions are paused. */
    public long maxInFlightBytes() { return maxInFlightBytes; }

    public Ordering ordering() { return ordering; }

    /** How often finished offsets are committed (also on revocation and close). */
    public Duration commitInterval() { return commitInterval; }

    public int maxPollRecords() { return maxPollRecords; }

    public Duration pollTimeout() { return pollTimeout; }

    /** How long {@code close()} waits for in-flight handlers before it commits what finished. */
    public Duration closeTimeout() { return closeTimeout; }

    /** How long a rebalance waits for in-flight handlers of revoked partitions. */
    public Duration revocationTimeout() { return revocationTimeout; }

    public static final class Builder {

        private final String groupId;
        private int concurrency = 16;
        private int maxInFlight = 10_000;
        private long maxInFlightBytes = 64L * 1024 * 1024;
        private Ordering ordering = Ordering.KEY;
        private Duration commitInterval = Duration.ofSeconds(1);
        private int maxPollRecords = 500;
        private Duration pollTimeout = Duration.ofMillis(100);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private Duration revocationTimeout = Duration.ofSeconds(10);

        private Builder(String groupId) {
            this.groupId = Checks.nonBlank(groupId, "groupId");
        }

        public Builder concurrency(int value) {
            this.concurrency = Checks.atLeast(value, 1, "concurrency");
            return this;
        }

        public Builder maxInFlight(int value) {
            this.maxInFlight = Checks.atLeast(value, 1, "maxInFlight");
            return this;
        }

        public Builder maxInFlightBytes(long value) {
            this.maxInFlightBytes = Checks.atLeast(value, 1024, "maxInFlightBytes");
            return this;
        }

        public Builder ordering(Ordering value) {
            this.ordering = Objects.requireNonNull(value, "ordering must not be null");
            return this;
        }

        public Builder commitInterval(Duration value) {
            this.commitInterval = Checks.positive(value, "commitInterval");
            return this;
        }

        public Builder maxPollRecords(int value) {
            this.maxPollRecords = Checks.atLeast(value, 1, "maxPollRecords");
            return this;
        }

        public Builder pollTimeout(Duration value) {
            this.pollTimeout = Checks.positive(value, "pollTimeout");
            return this;
        }

        public Builder closeTimeout(Duration value) {
            this.closeTimeout = Checks.positive(value, "closeTimeout");
            return this;
        }

        public Builder revocationTimeout(Duration value) {
            this.revocationTimeout = Checks.positive(value, "revocationTimeout");
            return this;
        }

        public SubscriberSettings build() {
            return new SubscriberSettings(this);
        }
    }
}
