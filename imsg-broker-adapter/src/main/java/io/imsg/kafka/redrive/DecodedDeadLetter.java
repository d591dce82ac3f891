package io.imsg.kafka.redrive;

import io.imsg.schema.Envelope;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;

/**
 * A dead letter with as much of its value decoded as could be: the envelope, and its payload as a
 * generic Avro record read with the payload's writer schema. What could not be decoded is empty,
 * and {@code problem} says why (a poison record's envelope, a payload schema nobody published).
 *
 * @param envelope the decoded envelope; its {@code payload} field holds the raw payload body
 * @param payload the payload, when its writer schema is known and the body is valid
 * @param problem why the envelope or the payload could not be decoded
 */
public record DecodedDeadLetter(DeadLetter letter, Optional<Envelope> envelope, Optional<GenericRecord> payload,
        Optional<String> problem) {

    public DecodedDeadLetter {
        Objects.requireNonNull(letter, "letter");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(problem, "problem");
    }
}
