package io.imsg.kafka.redrive;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedriveSettingsTest {

    @Test
    void aTimeoutThatIsNotPositiveOrABatchBelowOneIsRejectedNamingTheSetting() {
        RedriveSettings defaults = RedriveSettings.ofDefaults();

        assertThatThrownBy(() -> defaults.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be a positive duration (was PT0S)");
        assertThatThrownBy(() -> defaults.withTimeout(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be a positive duration (was null)");
        assertThatThrownBy(() -> defaults.withBatchSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be >= 1 (was 0)");
    }
}
