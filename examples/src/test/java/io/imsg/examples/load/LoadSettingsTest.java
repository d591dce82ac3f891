package io.imsg.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.kafka.consume.Ordering;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadSettingsTest {

    private static LoadSettings with(long messages, double rate, int payload, int partitions, int keys, int concurrency,
            Duration timeout) {
        return new LoadSettings(messages, rate, payload, partitions, keys, Work.none(), Faults.none(), Ordering.KEY,
                concurrency, Map.of(), Map.of(), timeout, false);
    }

    @Test
    void eachInvalidSettingIsRejectedByName() {
        Duration t = Duration.ofSeconds(1);
        assertThatThrownBy(() -> with(0, 0, 512, 6, 1, 1, t)).hasMessage("messages must be >= 1, was 0");
        assertThatThrownBy(() -> with(1, -1, 512, 6, 1, 1, t)).hasMessage("rate must be >= 0 (0 = unthrottled), was -1.0");
        assertThatThrownBy(() -> with(1, 0, 15, 6, 1, 1, t)).hasMessage("payloadBytes must be >= 16, was 15");
        assertThatThrownBy(() -> with(1, 0, 512, 0, 1, 1, t)).hasMessage("partitions must be >= 1, was 0");
        assertThatThrownBy(() -> with(1, 0, 512, 6, -1, 1, t)).hasMessage("keys must be >= 0, was -1");
        assertThatThrownBy(() -> with(1, 0, 512, 6, 1, 0, t)).hasMessage("concurrency must be >= 1, was 0");
        assertThatThrownBy(() -> with(1, 0, 512, 6, 1, 1, Duration.ZERO)).hasMessage("timeout must be > 0, was PT0S");
    }

    @Test
    void keysCycleAndZeroKeysMeansUnkeyed() {
        LoadSettings keyed = with(10, 0, 512, 6, 3, 1, Duration.ofSeconds(1));
        assertThat(keyed.keyOf(0)).isEqualTo("k0");
        assertThat(keyed.keyOf(4)).isEqualTo("k1");
        assertThat(with(10, 0, 512, 6, 0, 1, Duration.ofSeconds(1)).keyOf(4)).isNull();
    }
}
