package io.imsg.kafka.redrive;

import io.imsg.api.failure.ImsgException;

/** The dead-letter topic to read does not exist (or this client may not see it). */
public final class DeadLetterTopicNotFoundException extends ImsgException {

    private final String topic;

    public DeadLetterTopicNotFoundException(String topic) {
        super("the dead-letter topic " + topic + " does not exist; iMSG creates it when a service first"
                + " subscribes to " + RedriveTopics.routedTopicOf(topic));
        this.topic = topic;
    }

    /** The dead-letter topic that was asked for. */
    public String topic() {
        return topic;
    }
}
