package io.imsg.handler;

/**
 * Kafka's rules for topic names, checked when a route is declared so that a typo fails at start-up
 * with a clear message instead of as an {@code InvalidTopicException} from the first poll.
 */
final class TopicNames {

    /** Kafka's limit; longer names cannot be created. */
    static final int MAX_LENGTH = 249;

    private TopicNames() {}

    static String requireLegal(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        if (topic.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("topic '" + topic.substring(0, 40) + "...' is " + topic.length()
                    + " characters long; Kafka allows at most " + MAX_LENGTH);
        }
        if (topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("topic must not be '.' or '..'; Kafka reserves them");
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (!isLegal(c)) {
                throw new IllegalArgumentException("topic '" + topic + "' contains the illegal character "
                        + String.format("U+%04X", (int) c) + " at index " + i
                        + "; Kafka topic names allow only [a-zA-Z0-9._-]");
            }
        }
        return topic;
    }

    private static boolean isLegal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }
}
