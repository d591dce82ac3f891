package io.imsg.kafka.redrive;

import io.imsg.kafka.Checks;
import io.imsg.kafka.deadletter.DeadLetterTopics;

/**
 * The topics of a redrive. Every method takes a routed topic ({@code orders}) or its dead-letter
 * topic ({@code orders.dlt}) alike: a name ending in {@value DeadLetterTopics#SUFFIX} is taken as
 * the dead-letter topic itself.
 */
public final class RedriveTopics {

    /** Appended to the dead-letter topic to name its redrive ledger. */
    public static final String LEDGER_SUFFIX = ".redriven";

    private RedriveTopics() {}

    /** {@code orders} and {@code orders.dlt} both give {@code orders.dlt}. */
    public static String deadLetterTopicOf(String topic) {
        Checks.nonBlank(topic, "topic");
        return topic.endsWith(DeadLetterTopics.SUFFIX) ? topic : DeadLetterTopics.of(topic);
    }

    /** The routed topic whose dead letters these are: {@code orders} for {@code orders.dlt}. */
    public static String routedTopicOf(String topic) {
        String deadLetterTopic = deadLetterTopicOf(topic);
        return deadLetterTopic.substring(0, deadLetterTopic.length() - DeadLetterTopics.SUFFIX.length());
    }

    /** The compacted redrive ledger: {@code orders.dlt.redriven}. */
    public static String ledgerTopicOf(String topic) {
        return deadLetterTopicOf(topic) + LEDGER_SUFFIX;
    }
}
