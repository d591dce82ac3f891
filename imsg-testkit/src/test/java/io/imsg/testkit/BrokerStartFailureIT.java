package io.imsg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A broker that cannot start fails fast, says why, and leaves no process behind. */
class BrokerStartFailureIT {

    @Test
    void brokerThatCannotStartFailsWithItsLogTail() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().brokerProperty("num.io.threads", "none").build()) {
            assertThatThrownBy(kafka::start)
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("exited with status")
                    .hasMessageContaining("num.io.threads")
                    .hasMessageContaining("broker.out");
            assertThat(ProcessHandle.of(kafka.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void startTimeoutKillsTheChildAndNamesTheTimeout() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().startTimeout(Duration.ofMillis(300)).build()) {
            assertThatThrownBy(kafka::start)
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("did not become ready within 300 ms")
                    .hasMessageContaining("broker.log");
            assertThat(ProcessHandle.of(kafka.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }
}
