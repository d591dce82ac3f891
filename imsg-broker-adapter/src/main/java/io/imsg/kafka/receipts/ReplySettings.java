package io.imsg.kafka.receipts;

import io.imsg.api.receipt.ReplyTopics;
import io.imsg.kafka.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * The reply topic a service reads its receipts and replies from, and the bounds of its requests.
 *
 * <pre>{@code
 * ReplySettings replies = ReplySettings.ofDefaults()      // _imsg.replies.<service>, 3 partitions, kept 1 h
 *         .withMaxPendingRequests(50_000);
 * }</pre>
 *
 * @param topic the reply topic; empty for {@code _imsg.replies.<service>}. It must start with
 *     {@link ReplyTopics#PREFIX}: receivers write nowhere else.
 * @param partitions partitions of the reply topic when it is created
 * @param retention how long the reply topic keeps records; replies are short-lived
 * @param maxPendingRequests requests waiting for a reply at once; one more fails at once
 */
public record ReplySettings(Optional<String> topic, int partitions, Duration retention, int maxPendingRequests) {

    public ReplySettings {
        topic = topic == null ? Optional.empty() : topic;
        topic.ifPresent(name -> {
            if (!ReplyTopics.isValid(name)) {
                throw new IllegalArgumentException("reply topic must be a legal topic name starting with '"
                        + ReplyTopics.PREFIX + "' (was '" + name + "')");
            }
        });
        Checks.atLeast(partitions, 1, "reply topic partitions");
        Checks.positive(retention, "reply topic retention");
        Checks.atLeast(maxPendingRequests, 1, "maxPendingRequests");
    }

    public static ReplySettings ofDefaults() {
        return new ReplySettings(Optional.empty(), 3, Duration.ofHours(1), 10_000);
    }

    /** The reply topic of {@code service}: the configured one, or {@code _imsg.replies.<service>}. */
    public String topicFor(String service) {
        return topic.orElseGet(() -> ReplyTopics.of(service));
    }

    public ReplySettings withTopic(String value) {
        return new ReplySettings(Optional.ofNullable(value), partitions, retention, maxPendingRequests);
    }

    public ReplySettings withPartitions(int value) {
        return new ReplySettings(topic, value, retention, maxPendingRequests);
    }

    public ReplySettings withRetention(Duration value) {
        return new ReplySettings(topic, partitions, value, maxPendingRequests);
    }

    public ReplySettings withMaxPendingRequests(int value) {
        return new ReplySettings(topic, partitions, retention, value);
    }
}
