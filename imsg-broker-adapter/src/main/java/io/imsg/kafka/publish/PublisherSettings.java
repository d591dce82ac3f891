package io.imsg.kafka.publish;

import io.imsg.kafka.Checks;
import java.time.Duration;

/**
 * Tuning of a {@link KafkaPublisher}. Durability is not tunable here: every publisher uses
 * {@code acks=all} and an idempotent producer, so an acknowledged message is replicated and a
 * retried send is never written twice.
 *
 * @param maxMessageBytes largest record (key + value + headers) accepted for sending; checked
 *     before the send, so an oversized message fails without touching the broker. The default
 *     stays under the broker's default {@code message.max.bytes} (1 MiB).
 * @param linger how long the producer waits to fill a batch ({@code linger.ms})
 * @param batchBytes the producer's batch size ({@code batch.size})
 * @param deliveryTimeout upper bound on reporting success or failure ({@code delivery.timeout.ms})
 * @param priorityLanes HIGH messages go to {@code <topic>.priority}, which consumers prefer
 */
public record PublisherSettings(int maxMessageBytes, Duration linger, int batchBytes, Duration deliveryTimeout,
        boolean priorityLanes) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1_000_000;
    /** Far above any sensible record, and low enough that the producer's request size still fits an int. */
    public static final int MAX_MAX_MESSAGE_BYTES = 1 << 30;
    /** Kafka takes these timeouts as int milliseconds (about 24.8 days). */
    private static final Duration LONGEST = Duration.ofMillis(Integer.MAX_VALUE);

    public PublisherSettings {
        Checks.atLeast(maxMessageBytes, 1024, "maxMessageBytes");
        if (maxMessageBytes > MAX_MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be <= " + MAX_MAX_MESSAGE_BYTES + " (was "
                    + maxMessageBytes + ")");
        }
        if (linger == null || linger.isNegative() || linger.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("linger must be zero or positive and at most " + LONGEST + " (was "
                    + linger + ")");
        }
        Checks.atLeast(batchBytes, 1, "batchBytes");
        Checks.positive(deliveryTimeout, "deliveryTimeout");
        if (deliveryTimeout.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("deliveryTimeout must be at most " + LONGEST + " (was " + deliveryTimeout
                    + ")");
        }
    }

    public static PublisherSettings ofDefaults() {
        return new PublisherSettings(DEFAULT_MAX_MESSAGE_BYTES, Duration.ofMillis(5), 64 * 1024, Duration.ofMinutes(2), true);
    }

    public PublisherSettings withMaxMessageBytes(int value) {
        return new PublisherSettings(value, linger, batchBytes, deliveryTimeout, priorityLanes);
    }

    public PublisherSettings withLinger(Duration value) {
        return new PublisherSettings(maxMessageBytes, value, batchBytes, deliveryTimeout, priorityLanes);
    }

    public PublisherSettings withBatchBytes(int value) {
        return new PublisherSettings(maxMessageBytes, linger, value, deliveryTimeout, priorityLanes);
    }

    public PublisherSettings withDeliveryTimeout(Duration value) {
        return new PublisherSettings(maxMessageBytes, linger, batchBytes, value, priorityLanes);
    }

    /** Whether HIGH messages go to their topic's priority lane ({@code <topic>.priority}); on by default. */
    public PublisherSettings withPriorityLanes(boolean value) {
        return new PublisherSettings(maxMessageBytes, linger, batchBytes, deliveryTimeout, value);
    }
}
