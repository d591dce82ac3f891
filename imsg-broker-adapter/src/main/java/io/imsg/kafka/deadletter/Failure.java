package io.imsg.kafka.deadletter;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a record is being dead-lettered.
 *
 * @param cause the exception thrown (its class becomes the exception-class header)
 * @param route the route that failed; null when the record could not be routed at all
 * @param attempts how many times a handler was tried; 0 when it never reached one
 * @param firstFailure when the first attempt failed
 * @param lastFailure when the last attempt failed
 */
public record Failure(Throwable cause, String route, int attempts, Instant firstFailure, Instant lastFailure) {

    public Failure {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(firstFailure, "firstFailure");
        Objects.requireNonNull(lastFailure, "lastFailure");
    }

    /** A failure that happened once, now. */
    public static Failure now(Throwable cause, String route, int attempts) {
        Instant now = Instant.now();
        return new Failure(cause, route, attempts, now, now);
    }
}
