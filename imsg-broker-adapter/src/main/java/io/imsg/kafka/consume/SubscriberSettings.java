package io.imsg.kafka.consume;

import io.imsg.kafka.Checks;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
    private final List<Duration> retryDelays;
    private final Map<String, List<Duration>> retryDelaysByTopic;
    private final boolean orderedRetryTopics;
    private final boolean priorityLanes;
    private final Duration normalLaneMaxPause;
    private final int maxHeaders;
    private final int maxHeaderBytes;

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
        this.retryDelays = List.copyOf(b.retryDelays);
        this.retryDelaysByTopic = Map.copyOf(b.retryDelaysByTopic);
        this.orderedRetryTopics = b.orderedRetryTopics;
        this.priorityLanes = b.priorityLanes;
        this.normalLaneMaxPause = b.normalLaneMaxPause;
        this.maxHeaders = b.maxHeaders;
        this.maxHeaderBytes = b.maxHeaderBytes;
    }

    public static Builder builder(String groupId) {
        return new Builder(groupId);
    }

    public Builder toBuilder() {
        return new Builder(groupId).concurrency(concurrency).maxInFlight(maxInFlight)
                .maxInFlightBytes(maxInFlightBytes).ordering(ordering).commitInterval(commitInterval)
                .maxPollRecords(maxPollRecords).pollTimeout(pollTimeout).closeTimeout(closeTimeout)
                .revocationTimeout(revocationTimeout).copyRetryDelays(retryDelays, retryDelaysByTopic)
                .orderedRetryTopics(orderedRetryTopics).priorityLanes(priorityLanes).normalLaneMaxPause(normalLaneMaxPause)
                .maxHeaders(maxHeaders).maxHeaderBytes(maxHeaderBytes);
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

    /** Most headers a consumed record may carry; a record with more is dead-lettered undecoded. */
    public int maxHeaders() { return maxHeaders; }

    /** Most header bytes (keys and values) a consumed record may carry; more is dead-lettered undecoded. */
    public int maxHeaderBytes() { return maxHeaderBytes; }

    /**
     * The retry topics of {@code topic}, in order: a retryable failure that used up its in-process
     * attempts moves to {@code <topic>.retry.<delay>} of the next stage; after the last stage it is
     * dead-lettered. Empty means no retry topics.
     */
    public List<Duration> retryDelays(String topic) {
        return retryDelaysByTopic.getOrDefault(topic, retryDelays);
    }

    /**
     * Checks that every topic given its own retry delays is one of {@code routedTopics}: delays for a
     * topic no route reads (a typo such as {@code order} for {@code orders}) would otherwise be
     * ignored, and that topic's failures dead-lettered without the retries meant for them.
     *
     * @throws IllegalArgumentException naming the topics that no route reads
     */
    public void checkRetryDelaysRouted(Set<String> routedTopics) {
        Set<String> unrouted = new TreeSet<>(retryDelaysByTopic.keySet());
        unrouted.removeAll(routedTopics);
        if (!unrouted.isEmpty()) {
            throw new IllegalArgumentException("retryDelays were set for " + unrouted + ", which no route reads;"
                    + " the routed topics are " + new TreeSet<>(routedTopics));
        }
    }

    /**
     * Whether later records of a key wait while an earlier one is in a retry topic (see
     * {@link Builder#orderedRetryTopics(boolean)}).
     */
    public boolean orderedRetryTopics() {
        return orderedRetryTopics;
    }

    /** Whether the subscriber also reads each routed topic's priority lane and prefers it. */
    public boolean priorityLanes() {
        return priorityLanes;
    }

    /** Longest stretch normal lanes wait behind busy priority lanes before they get a turn. */
    public Duration normalLaneMaxPause() {
        return normalLaneMaxPause;
    }

    public static final class Builder {

        /** More stages than this is a configuration mistake, not a retry policy. */
        private static final int MAX_RETRY_STAGES = 10;

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
        private List<Duration> retryDelays = List.of();
        private final Map<String, List<Duration>> retryDelaysByTopic = new HashMap<>();
        private boolean orderedRetryTopics;
        private boolean priorityLanes = true;
        private Duration normalLaneMaxPause = Duration.ofSeconds(1);
        // iMSG's own headers take a few hundred bytes; these bounds leave room for tracing and
        // application headers while rejecting header bombs before anything is decoded.
        private int maxHeaders = 64;
        private int maxHeaderBytes = 32 * 1024;

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

        /**
         * Retry topics for every routed topic, e.g. {@code retryDelays(Duration.ofSeconds(1),
         * Duration.ofSeconds(10), Duration.ofMinutes(1))}. By default they do not keep per-key
         * order: later records of a key are handled while an earlier one waits in a retry topic.
         * {@link #orderedRetryTopics(boolean)} makes them keep it; in-process retry (RetryMiddleware)
         * always does.
         */
        public Builder retryDelays(Duration... delays) {
            this.retryDelays = checkedDelays("retryDelays", delays);
            return this;
        }

        /** Retry topics for one topic, overriding {@link #retryDelays(Duration...)}; none disables them. */
        public Builder retryDelays(String topic, Duration... delays) {
            Checks.nonBlank(topic, "retryDelays topic");
            retryDelaysByTopic.put(topic, checkedDelays("retryDelays(" + topic + ")", delays));
            return this;
        }

        /**
         * Keeps per-key order through retry topics: while a record of a key waits in a retry topic,
         * the key's later records follow it there, in order, instead of being handled (like Axon's
         * sequenced dead-letter queue). Other keys are not held up. The price: a key's later
         * records wait out at least one retry delay, and a record that followed its key into stage
         * {@code i} gets only the stages after {@code i} for its own failures. Retry records are
         * written to the source record's partition, and the consumer uses Kafka's
         * {@code RangeAssignor}, so one member owns a key's source and retry partitions. Off by
         * default.
         */
        public Builder orderedRetryTopics(boolean value) {
            this.orderedRetryTopics = value;
            return this;
        }

        /**
         * Priority lanes (on by default): the subscriber creates and reads {@code <topic>.priority}
         * next to each routed topic, where publishers put HIGH messages, and while a lane has work
         * it pauses every other partition. Order is kept per lane: a HIGH message overtakes NORMAL
         * ones of the same key.
         */
        public Builder priorityLanes(boolean value) {
            this.priorityLanes = value;
            return this;
        }

        /**
         * The starvation guard of priority lanes: after normal lanes waited this long behind busy
         * priority lanes, they run for a quarter of it whatever the lanes hold. Default 1 s.
         */
        public Builder normalLaneMaxPause(Duration value) {
            this.normalLaneMaxPause = Checks.positive(value, "normalLaneMaxPause");
            return this;
        }

        private Builder copyRetryDelays(List<Duration> defaults, Map<String, List<Duration>> byTopic) {
            this.retryDelays = defaults;
            this.retryDelaysByTopic.putAll(byTopic);
            return this;
        }

        private static List<Duration> checkedDelays(String setting, Duration... delays) {
            Objects.requireNonNull(delays, setting + " must not be null");
            if (delays.length > MAX_RETRY_STAGES) {
                throw new IllegalArgumentException(setting + " allows at most " + MAX_RETRY_STAGES + " stages (was "
                        + delays.length + ")");
            }
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (Duration delay : delays) {
                if (delay == null || delay.toMillis() < 1 || delay.compareTo(Duration.ofDays(7)) > 0) {
                    throw new IllegalArgumentException(setting + " delays must be between 1 ms and 7 days (was " + delay + ")");
                }
                if (!seen.add(delay.toMillis())) {
                    throw new IllegalArgumentException(setting + " has " + delay + " twice; each stage needs its own topic");
                }
            }
            return List.of(delays);
        }

        public Builder maxHeaders(int value) {
            this.maxHeaders = Checks.atLeast(value, 8, "maxHeaders");
            return this;
        }

        public Builder maxHeaderBytes(int value) {
            this.maxHeaderBytes = Checks.atLeast(value, 1024, "maxHeaderBytes");
            return this;
        }

        public SubscriberSettings build() {
            return new SubscriberSettings(this);
        }
    }
}
