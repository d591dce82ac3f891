package io.imsg.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkTest {

    @Test
    void parsesNoneCpuAndSleepWithTheirUnits() {
        assertThat(Work.parse("none")).isEqualTo(Work.none());
        assertThat(Work.parse("cpu:50us")).isEqualTo(new Work(Work.Kind.CPU, Duration.ofNanos(50_000)));
        assertThat(Work.parse("sleep:5ms")).isEqualTo(new Work(Work.Kind.SLEEP, Duration.ofMillis(5)));
        assertThat(Work.parse("SLEEP:2s")).isEqualTo(new Work(Work.Kind.SLEEP, Duration.ofSeconds(2)));
    }

    @Test
    void malformedWorkIsRejectedWithAnExample() {
        assertThatThrownBy(() -> Work.parse("fast")).hasMessageContaining("work must be none, cpu:<time> or sleep:<time>");
        assertThatThrownBy(() -> Work.parse("io:5ms")).hasMessage("work kind must be cpu or sleep, was 'io:5ms'");
        assertThatThrownBy(() -> Work.parse("cpu:5")).hasMessageContaining("unit us, ms or s");
        assertThatThrownBy(() -> Work.parse("sleep:xms")).hasMessageContaining("unit us, ms or s");
        assertThatThrownBy(() -> new Work(Work.Kind.CPU, Duration.ofMillis(-1))).hasMessageContaining("work time must be >= 0");
    }

    @Test
    void aCpuSpinTakesAtLeastItsTime() throws Exception {
        long start = System.nanoTime();
        Work.parse("cpu:2ms").perform();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(2_000_000);
    }
}
