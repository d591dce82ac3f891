package io.imsg.api.failure;

import io.imsg.api.RecordOrigin;
import java.util.Optional;

/**
 * Root of iMSG's failure taxonomy. Carries the Kafka coordinates of the record it concerns when
 * there is one, as Kafka's {@code RecordDeserializationException} does.
 *
 * <ul>
 *   <li>{@link RetryableException}: worth another attempt.</li>
 *   <li>{@link NonRetryableException}: goes straight to the dead-letter topic; its subclasses
 *       {@link DecodingException}, {@link UnknownSchemaException}, {@link MessageTooLargeException}
 *       and {@link NoRouteException} describe bad input.</li>
 * </ul>
 */
public class ImsgException extends RuntimeException {

    private final transient RecordOrigin origin;

    public ImsgException(String message) {
        this(message, null, null);
    }

    public ImsgException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public ImsgException(String message, RecordOrigin origin, Throwable cause) {
        super(origin == null ? message : message + " [record " + origin + "]", cause);
        this.origin = origin;
    }

    /** The record this failure concerns, when it concerns one. */
    public Optional<RecordOrigin> origin() {
        return Optional.ofNullable(origin);
    }
}
