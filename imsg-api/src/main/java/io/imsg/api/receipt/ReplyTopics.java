package io.imsg.api.receipt;

import io.imsg.api.TopicNames;

/**
 * Names of reply topics, where receipts and replies go. A receiver reads the reply topic from a
 * header any sender can forge, so it only ever writes to names under {@link #PREFIX}: a forged
 * header cannot make a receiver write receipts into a business topic.
 */
public final class ReplyTopics {

    /** Every reply topic starts with this. */
    public static final String PREFIX = "_imsg.replies.";

    private ReplyTopics() {}

    /** The default reply topic of {@code service}. */
    public static String of(String service) {
        String name = PREFIX + service;
        if (!isValid(name)) {
            throw new IllegalArgumentException("service '" + service + "' gives no legal reply topic name: " + name);
        }
        return name;
    }

    /** True for a legal Kafka topic name under {@link #PREFIX}. */
    public static boolean isValid(String topic) {
        return topic != null && topic.startsWith(PREFIX) && topic.length() > PREFIX.length()
                && TopicNames.isLegal(topic);
    }
}
