package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SchemaTopicSettingsTest {

    @Test
    void theSchemaTopicMustBeALegalKafkaTopicName() {
        SchemaTopicSettings defaults = SchemaTopicSettings.ofDefaults();

        assertThat(defaults.withTopic("_imsg.schemas.v2").topic()).isEqualTo("_imsg.schemas.v2");
        assertThatThrownBy(() -> defaults.withTopic(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schema topic must not be blank");
        // Refused when the service is configured, not as an InvalidTopicException when it starts.
        assertThatThrownBy(() -> defaults.withTopic("_imsg:schemas"))
                .hasMessage("schema topic '_imsg:schemas' contains the illegal character U+003A at index 5;"
                        + " Kafka topic names allow only [a-zA-Z0-9._-]");
    }
}
