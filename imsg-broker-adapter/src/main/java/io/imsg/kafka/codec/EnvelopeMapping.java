package io.imsg.kafka.codec;

import io.imsg.api.Message;
import io.imsg.api.RecordOrigin;
import io.imsg.api.Source;
import io.imsg.api.failure.DecodingException;
import io.imsg.schema.Envelope;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Maps a {@link Message} to its {@link Envelope} and back; the payload bytes are handled elsewhere. */
final class EnvelopeMapping {

    private EnvelopeMapping() {}

    /**
     * The envelope Avro's generated encoder would write for a message. Encoding goes through
     * {@link CurrentEnvelopeWriter}; this is the reference its test compares it with.
     *
     * @throws IllegalArgumentException when the message has no source: the publisher always sets one,
     *     and a receiver could not tell who sent it
     */
    static Envelope toEnvelope(Message<? extends SpecificRecord> message, PayloadWriters.Encoded payload) {
        Source source = sourceOf(message, payload.type());
        return new Envelope(message.id(), payload.type(), payload.fingerprint(), source.service(),
                source.instance(), message.target().orElse(null), message.key().orElse(null),
                message.correlationId().orElse(null), message.causationId().orElse(null), message.createdAt(),
                message.priority(), message.attributes(), payload.body());
    }

    /** The message's source, which the envelope requires: the publisher stamps it before encoding. */
    static Source sourceOf(Message<?> message, String type) {
        return message.source().orElseThrow(() -> new IllegalArgumentException("message " + message.id() + " of type "
                + type + " has no source; the publisher sets source(service, instance) before encoding"));
    }

    /**
     * Builds the message a decoded envelope describes. The envelope came off the wire, so values the
     * message builder refuses (a blank id, a reserved attribute name) are a {@link DecodingException}.
     */
    static Message<SpecificRecord> toMessage(Envelope envelope, SpecificRecord payload, RecordOrigin origin) {
        try {
            Message.Builder<SpecificRecord> builder = Message.builder(payload)
                    .id(envelope.getId())
                    .source(new Source(envelope.getSourceService(), envelope.getSourceInstance()))
                    .createdAt(envelope.getCreatedAt())
                    .priority(envelope.getPriority());
            if (envelope.getTarget() != null) {
                builder.target(envelope.getTarget());
            }
            if (envelope.getKey() != null) {
                builder.key(envelope.getKey());
            }
            if (envelope.getCorrelationId() != null) {
                builder.correlationId(envelope.getCorrelationId());
            }
            if (envelope.getCausationId() != null) {
                builder.causationId(envelope.getCausationId());
            }
            // Viewed as Map<?, ?>: the declared String keys are only as good as the reader's string type.
            Map<?, ?> attributes = envelope.getAttributes();
            for (Map.Entry<?, ?> attribute : attributes.entrySet()) {
                builder.attribute(String.valueOf(attribute.getKey()), String.valueOf(attribute.getValue()));
            }
            return builder.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DecodingException("envelope of message " + Text.quote(envelope.getId())
                    + " holds a value no message may have: " + Text.quote(e.getMessage()), origin, e);
        }
    }
}
