package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every invalid schema topic setting fails when it is set, with a message that names it. */
class SchemaTopicSettingsTest {

    private final SchemaTopicSettings defaults = SchemaTopicSettings.ofDefaults();

    @Test
    void theSchemaTopicMustBeALegalKafkaTopicName() {
        assertThat(defaults.withTopic("_imsg.schemas.v2").topic()).isEqualTo("_imsg.schemas.v2");
        assertThatThrownBy(() -> defaults.withTopic(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schema topic must not be blank");
        // Refused when the service is configured, not as an InvalidTopicException when it starts.
        assertThatThrownBy(() -> defaults.withTopic("_imsg:schemas"))
                .hasMessage("schema topic '_imsg:schemas' contains the illegal character U+003A at index 5;"
                        + " Kafka topic names allow only [a-zA-Z0-9._-]");
    }

    @Test
    void aMissingCompatibilityModeIsRejected() {
        assertThatThrownBy(() -> defaults.withCompatibility(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("compatibility must not be null");
    }

    @Test
    void sizeBoundsBelowOneAreRejected() {
        assertThatThrownBy(() -> defaults.withMaxSchemaBytes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSchemaBytes must be >= 1, was 0");
        assertThatThrownBy(() -> defaults.withMaxSchemas(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSchemas must be >= 1, was -1");
    }

    @Test
    void timingsMustBePositiveAndTheCatchUpIntervalNotNegative() {
        assertThatThrownBy(() -> defaults.withReadTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("readTimeout must be > 0, was PT0S");
        assertThatThrownBy(() -> defaults.withReadTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("readTimeout must not be null");
        assertThatThrownBy(() -> defaults.withRefreshInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refreshInterval must be > 0, was PT-1S");
        assertThatThrownBy(() -> defaults.withMinCatchUpInterval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minCatchUpInterval must be >= 0, was PT-0.001S");
        assertThatThrownBy(() -> defaults.withMinCatchUpInterval(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("minCatchUpInterval must not be null");
        assertThat(defaults.withMinCatchUpInterval(Duration.ZERO).minCatchUpInterval()).isZero();
    }
}
