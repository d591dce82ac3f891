package io.imsg.api.failure;

/**
 * The broker refused one of a handler's outputs in a way no retry changes, such as a record over
 * the output topic's {@code max.message.bytes}: the input is dead-lettered with this, rather than
 * stalling its partition for good. Outputs sent before the refused one stay published; a redrive
 * sends them again, and their idempotency key absorbs that.
 */
public class OutputRefusedException extends NonRetryableException {

    private final String topic;

    public OutputRefusedException(String topic, Throwable cause) {
        super("the broker refused an output to " + topic + " for good: " + cause, cause);
        this.topic = topic;
    }

    /** The topic the refused output was for. */
    public String topic() {
        return topic;
    }
}
