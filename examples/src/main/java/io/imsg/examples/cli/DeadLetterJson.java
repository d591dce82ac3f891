package io.imsg.examples.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imsg.api.header.Header;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.kafka.redrive.DeadLetter;
import io.imsg.kafka.redrive.DecodedDeadLetter;
import io.imsg.kafka.redrive.FailureMetadata;
import io.imsg.schema.Envelope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A dead letter as one JSON object: where it sits, the envelope (payload as JSON when its schema is
 * known, base64 otherwise), the failure, and the other headers. What could not be decoded appears as
 * base64 next to a {@code problem} saying why, so nothing in the record is hidden.
 */
final class DeadLetterJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DeadLetterJson() {}

    static ObjectNode of(DecodedDeadLetter decoded) {
        DeadLetter letter = decoded.letter();
        ObjectNode json = JSON.objectNode();
        ObjectNode at = json.putObject("dead-letter");
        at.put("topic", letter.topic()).put("partition", letter.partition()).put("offset", letter.offset())
                .put("timestamp", letter.timestamp().toString());
        json.put("key", letter.keyText().orElse(null));
        decoded.envelope().ifPresentOrElse(envelope -> json.set("envelope", envelope(envelope, decoded)),
                () -> json.put("value-base64", letter.value().map(DeadLetterJson::base64).orElse(null)));
        decoded.problem().ifPresent(problem -> json.put("problem", problem));
        json.set("failure", failure(letter.failure()));
        ObjectNode headers = json.putObject("headers");
        for (Header header : letter.headers().all()) {
            if (!header.key().startsWith(ImsgHeaders.PREFIX + "dlt-")) { // already under "failure"
                headers.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return json;
    }

    private static ObjectNode envelope(Envelope envelope, DecodedDeadLetter decoded) {
        ObjectNode json = JSON.objectNode();
        json.put("id", envelope.getId()).put("type", envelope.getType()).put("key", envelope.getKey())
                .put("source", envelope.getSourceService() + "/" + envelope.getSourceInstance())
                .put("target", envelope.getTarget())
                .put("correlation-id", envelope.getCorrelationId()).put("causation-id", envelope.getCausationId())
                .put("priority", envelope.getPriority().name())
                .put("created-at", envelope.getCreatedAt().toString());
        json.set("attributes", AvroJson.of(envelope.getAttributes()));
        decoded.payload().ifPresentOrElse(payload -> json.set("payload", AvroJson.of(payload)),
                () -> json.put("payload-base64", base64(envelope.getPayload())));
        return json;
    }

    private static ObjectNode failure(FailureMetadata failure) {
        ObjectNode json = JSON.objectNode();
        json.put("exception-class", failure.exceptionClass().orElse(null))
                .put("exception-message", failure.exceptionMessage().orElse(null))
                .put("route", failure.route().orElse(null))
                .put("consumer-group", failure.consumerGroup().orElse(null));
        putInt(json, "attempts", failure.attempts());
        json.put("original-topic", failure.originalTopic().orElse(null));
        putInt(json, "original-partition", failure.originalPartition());
        putLong(json, "original-offset", failure.originalOffset());
        json.put("original-timestamp", text(failure.originalTimestamp()))
                .put("first-failure", text(failure.firstFailure()))
                .put("last-failure", text(failure.lastFailure()))
                .put("redrive-count", failure.redriveCount())
                .put("stacktrace", failure.stackTrace().orElse(null));
        return json;
    }

    private static void putInt(ObjectNode json, String name, OptionalInt value) {
        if (value.isPresent()) {
            json.put(name, value.getAsInt());
        } else {
            json.putNull(name);
        }
    }

    private static void putLong(ObjectNode json, String name, OptionalLong value) {
        if (value.isPresent()) {
            json.put(name, value.getAsLong());
        } else {
            json.putNull(name);
        }
    }

    private static String text(Optional<?> value) {
        return value.map(Object::toString).orElse(null);
    }

    private static String base64(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return base64(bytes);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
