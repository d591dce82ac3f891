package io.imsg.api;

/**
 * Kafka's rules for topic names, checked wherever a topic name is configured (a route, a fallback
 * topic, the schema, presence and reply topics), so that a typo fails at start-up with a clear
 * message instead of as an {@code InvalidTopicException} from the first poll or send.
 */
public final class TopicNames {

    /** Kafka's limit; longer names cannot be created. */
    public static final int MAX_LENGTH = 249;

    private TopicNames() {}

    /** {@link #requireLegal(String, String)} for a route's topic. */
    public static String requireLegal(String topic) {
        return requireLegal(topic, "topic");
    }

    /**
     * @param what names the setting in the message, such as {@code "fallback topic"}
     * @return {@code topic}
     * @throws IllegalArgumentException naming the rule broken, and the character and its index if one is illegal
     */
    public static String requireLegal(String topic, String what) {
        if (isLegal(topic)) {
            return topic;
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (topic.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " '" + topic.substring(0, 40) + "...' is " + topic.length()
                    + " characters long; Kafka allows at most " + MAX_LENGTH);
        }
        int i = 0;
        while (i < topic.length() && isLegal(topic.charAt(i))) {
            i++;
        }
        if (i == topic.length()) {
            throw new IllegalArgumentException(what + " must not be '.' or '..'; Kafka reserves them");
        }
        throw new IllegalArgumentException(what + " '" + topic + "' contains the illegal character "
                + String.format("U+%04X", (int) topic.charAt(i)) + " at index " + i
                + "; Kafka topic names allow only [a-zA-Z0-9._-]");
    }

    /** True when Kafka would accept {@code topic} as a name; for names read from untrusted bytes. */
    public static boolean isLegal(String topic) {
        if (topic == null || topic.isEmpty() || topic.length() > MAX_LENGTH || topic.equals(".")
                || topic.equals("..")) {
            return false;
        }
        for (int i = 0; i < topic.length(); i++) {
            if (!isLegal(topic.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLegal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }
}
