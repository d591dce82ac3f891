package io.imsg.api;

import io.imsg.api.header.ImsgHeaders;
import io.imsg.schema.Priority;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * An immutable typed message: an Avro payload plus the envelope fields that route and trace it.
 *
 * <pre>{@code
 * Message<OrderPlaced> message = Message.builder(order)
 *         .key(order.getSku())
 *         .priority(Priority.HIGH)
 *         .build();
 * }</pre>
 *
 * <p>The payload itself is an Avro {@link SpecificRecord}, which is mutable; treat it as read-only
 * once it is in a message.
 *
 * @param <T> the Avro payload type
 */
public final class Message<T extends SpecificRecord> {

    private final T payload;
    private final String id;
    private final String key;
    private final Source source;
    private final String target;
    private final String correlationId;
    private final String causationId;
    private final Instant createdAt;
    private final Priority priority;
    private final Map<String, String> attributes;

    private Message(Builder<T> builder) {
        this.payload = builder.payload;
        this.id = builder.id != null ? builder.id : MessageIds.next();
        this.key = builder.key;
        this.source = builder.source;
        this.target = builder.target;
        this.correlationId = builder.correlationId;
        this.causationId = builder.causationId;
        this.createdAt = builder.createdAt != null ? builder.createdAt : Instant.now();
        this.priority = builder.priority;
        this.attributes = Map.copyOf(builder.attributes);
    }

    private Message(Message<T> original, Source source) {
        this.payload = original.payload;
        this.id = original.id;
        this.key = original.key;
        this.source = source;
        this.target = original.target;
        this.correlationId = original.correlationId;
        this.causationId = original.causationId;
        this.createdAt = original.createdAt;
        this.priority = original.priority;
        this.attributes = original.attributes;
    }

    public static <T extends SpecificRecord> Builder<T> builder(T payload) {
        return new Builder<>(payload);
    }

    /** A message with a random id, no key and NORMAL priority. */
    public static <T extends SpecificRecord> Message<T> of(T payload) {
        return builder(payload).build();
    }

    public Builder<T> toBuilder() {
        Builder<T> builder = new Builder<>(payload);
        builder.id = id;
        builder.key = key;
        builder.source = source;
        builder.target = target;
        builder.correlationId = correlationId;
        builder.causationId = causationId;
        builder.createdAt = createdAt;
        builder.priority = priority;
        builder.attributes = new java.util.HashMap<>(attributes);
        return builder;
    }

    /**
     * This message with {@code source} as its source and every other field the same. The publisher
     * stamps its own source this way on every send, so it shares the checked, immutable fields
     * instead of going through a builder again.
     */
    public Message<T> withSource(Source source) {
        return new Message<>(this, Objects.requireNonNull(source, "source must not be null"));
    }

    public T payload() {
        return payload;
    }

    /** Unique id of this message; the idempotency key. Unless the builder set one, a random UUID. */
    public String id() {
        return id;
    }

    /** The Avro full name of the payload type. */
    public String type() {
        return payload.getSchema().getFullName();
    }

    /** The ordering key, also used as the Kafka record key. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** The sending service instance; set by the publisher when the message is sent. */
    public Optional<Source> source() {
        return Optional.ofNullable(source);
    }

    /** The service this message is meant for, if the sender named one. */
    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /** The id of the message whose handling produced this one. */
    public Optional<String> causationId() {
        return Optional.ofNullable(causationId);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Priority priority() {
        return priority;
    }

    /** Application attributes; keys never start with the reserved {@value ImsgHeaders#PREFIX} prefix. */
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "Message{id=" + id + ", type=" + type() + ", key=" + key + ", priority=" + priority + "}";
    }

    /** Builds a {@link Message}; every setter checks its argument. */
    public static final class Builder<T extends SpecificRecord> {

        private final T payload;
        private String id;
        private String key;
        private Source source;
        private String target;
        private String correlationId;
        private String causationId;
        private Instant createdAt;
        private Priority priority = Priority.NORMAL;
        private Map<String, String> attributes = new java.util.HashMap<>();

        private Builder(T payload) {
            this.payload = Objects.requireNonNull(payload, "payload must not be null");
        }

        public Builder<T> id(String id) {
            this.id = Names.requireNonBlank(id, "id");
            return this;
        }

        public Builder<T> key(String key) {
            this.key = Objects.requireNonNull(key, "key must not be null; omit key() for an unkeyed message");
            return this;
        }

        public Builder<T> source(Source source) {
            this.source = Objects.requireNonNull(source, "source must not be null");
            return this;
        }

        public Builder<T> target(String targetService) {
            this.target = Names.requireNonBlank(targetService, "target");
            return this;
        }

        public Builder<T> correlationId(String correlationId) {
            this.correlationId = Names.requireNonBlank(correlationId, "correlationId");
            return this;
        }

        public Builder<T> causationId(String causationId) {
            this.causationId = Names.requireNonBlank(causationId, "causationId");
            return this;
        }

        /** Marks this message as caused by {@code cause}: same correlation, causation = cause's id. */
        public Builder<T> causedBy(Message<?> cause) {
            this.correlationId = cause.correlationId().orElse(cause.id());
            this.causationId = cause.id();
            return this;
        }

        public Builder<T> createdAt(Instant createdAt) {
            this.createdAt = Objects.requireNonNull(createdAt, "createdAt must not be null");
            return this;
        }

        public Builder<T> priority(Priority priority) {
            this.priority = Objects.requireNonNull(priority, "priority must not be null");
            return this;
        }

        /** Adds an application attribute; the {@value ImsgHeaders#PREFIX} prefix is reserved. */
        public Builder<T> attribute(String name, String value) {
            Names.requireNonBlank(name, "attribute name");
            Objects.requireNonNull(value, "attribute value must not be null");
            if (ImsgHeaders.isReserved(name)) {
                throw new IllegalArgumentException(
                        "attribute name '" + name + "' uses the reserved prefix '" + ImsgHeaders.PREFIX + "'");
            }
            attributes.put(name, value);
            return this;
        }

        public Message<T> build() {
            return new Message<>(this);
        }
    }
}
