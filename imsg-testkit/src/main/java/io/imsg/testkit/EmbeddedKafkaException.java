package io.imsg.testkit;

/**
 * An embedded broker failed to start or to answer. The message ends with the tails of the
 * broker's log and console output, so a failing test shows why.
 */
public class EmbeddedKafkaException extends RuntimeException {

    public EmbeddedKafkaException(String message) {
        super(message);
    }

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
