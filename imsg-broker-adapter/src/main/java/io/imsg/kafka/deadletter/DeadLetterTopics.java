package io.imsg.kafka.deadletter;

/** Names of dead-letter topics: {@code <topic>.dlt}. */
public final class DeadLetterTopics {

    public static final String SUFFIX = ".dlt";

    private DeadLetterTopics() {}

    public static String of(String topic) {
        return topic + SUFFIX;
    }
}
