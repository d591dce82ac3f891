package io.imsg.kafka.codec;

import io.imsg.api.TopicNames;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link KafkaSchemaTopic} uses its topic. Immutable; every component is checked.
 *
 * <pre>{@code
 * SchemaTopicSettings settings = SchemaTopicSettings.ofDefaults().withCompatibility(SchemaCompatibilityMode.FULL);
 * }</pre>
 *
 * @param topic the compacted topic holding schemas; {@value #DEFAULT_TOPIC} by default
 * @param compatibility what a new version of a full name must satisfy against every known version;
 *     {@link SchemaCompatibilityMode#BACKWARD} by default
 * @param maxSchemaBytes largest schema JSON accepted from the topic (and published to it); 256 KiB
 * @param maxSchemas most schemas accepted from the topic; 10,000
 * @param readTimeout how long one read of the topic to its end may take; 10 s
 * @param refreshInterval how often the background refresh reads new schemas; 1 s
 * @param minCatchUpInterval shortest time between two reads caused by unknown fingerprints, so hostile
 *     fingerprints cannot hammer the broker; 2 s
 */
public record SchemaTopicSettings(String topic, SchemaCompatibilityMode compatibility, int maxSchemaBytes,
        int maxSchemas, Duration readTimeout, Duration refreshInterval, Duration minCatchUpInterval) {

    public static final String DEFAULT_TOPIC = "_imsg.schemas";

    private static final SchemaTopicSettings DEFAULTS = new SchemaTopicSettings(DEFAULT_TOPIC,
            SchemaCompatibilityMode.BACKWARD, 256 * 1024, 10_000, Duration.ofSeconds(10), Duration.ofSeconds(1),
            Duration.ofSeconds(2));

    public SchemaTopicSettings {
        TopicNames.requireLegal(topic, "schema topic");
        Objects.requireNonNull(compatibility, "compatibility must not be null");
        if (maxSchemaBytes < 1) {
            throw new IllegalArgumentException("maxSchemaBytes must be >= 1, was " + maxSchemaBytes);
        }
        if (maxSchemas < 1) {
            throw new IllegalArgumentException("maxSchemas must be >= 1, was " + maxSchemas);
        }
        requirePositive(readTimeout, "readTimeout");
        requirePositive(refreshInterval, "refreshInterval");
        Objects.requireNonNull(minCatchUpInterval, "minCatchUpInterval must not be null");
        if (minCatchUpInterval.isNegative()) {
            throw new IllegalArgumentException("minCatchUpInterval must be >= 0, was " + minCatchUpInterval);
        }
    }

    public static SchemaTopicSettings ofDefaults() {
        return DEFAULTS;
    }

    public SchemaTopicSettings withTopic(String value) {
        return new SchemaTopicSettings(value, compatibility, maxSchemaBytes, maxSchemas, readTimeout,
                refreshInterval, minCatchUpInterval);
    }

    public SchemaTopicSettings withCompatibility(SchemaCompatibilityMode value) {
        return new SchemaTopicSettings(topic, value, maxSchemaBytes, maxSchemas, readTimeout, refreshInterval,
                minCatchUpInterval);
    }

    public SchemaTopicSettings withMaxSchemaBytes(int value) {
        return new SchemaTopicSettings(topic, compatibility, value, maxSchemas, readTimeout, refreshInterval,
                minCatchUpInterval);
    }

    public SchemaTopicSettings withMaxSchemas(int value) {
        return new SchemaTopicSettings(topic, compatibility, maxSchemaBytes, value, readTimeout, refreshInterval,
                minCatchUpInterval);
    }

    public SchemaTopicSettings withReadTimeout(Duration value) {
        return new SchemaTopicSettings(topic, compatibility, maxSchemaBytes, maxSchemas, value, refreshInterval,
                minCatchUpInterval);
    }

    public SchemaTopicSettings withRefreshInterval(Duration value) {
        return new SchemaTopicSettings(topic, compatibility, maxSchemaBytes, maxSchemas, readTimeout, value,
                minCatchUpInterval);
    }

    public SchemaTopicSettings withMinCatchUpInterval(Duration value) {
        return new SchemaTopicSettings(topic, compatibility, maxSchemaBytes, maxSchemas, readTimeout,
                refreshInterval, value);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }
}
