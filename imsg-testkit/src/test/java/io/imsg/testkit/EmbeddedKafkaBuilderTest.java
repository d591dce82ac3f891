package io.imsg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBuilderTest {

    @Test
    void invalidBuilderSettingsNameTheSetting() {
        EmbeddedKafkaBuilder builder = EmbeddedKafka.builder();

        assertThatThrownBy(() -> builder.heap("lots")).hasMessageContaining("heap").hasMessageContaining("lots");
        assertThatThrownBy(() -> builder.heap(null)).hasMessageContaining("heap");
        assertThatThrownBy(() -> builder.startTimeout(Duration.ZERO)).hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> builder.stopTimeout(Duration.ofSeconds(-1))).hasMessageContaining("stopTimeout");
        assertThatThrownBy(() -> builder.dataDir(null)).hasMessageContaining("dataDir");
        assertThatThrownBy(() -> builder.brokerProperty(" ", "x")).hasMessageContaining("brokerProperty key");
        assertThatThrownBy(() -> builder.brokerProperty("num.partitions", null)).hasMessageContaining("num.partitions");
        assertThatThrownBy(() -> builder.brokerProperty("log.dirs", "/tmp/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'log.dirs'");
    }

    @Test
    void validSettingsAreAccepted() {
        EmbeddedKafka kafka = EmbeddedKafka.builder()
                .dataDir(Path.of("target/never-created"))
                .brokerProperty("num.partitions", "3")
                .heap("1g")
                .startTimeout(Duration.ofSeconds(30))
                .stopTimeout(Duration.ofSeconds(5))
                .build();

        assertThat(kafka.dataDir()).isEqualTo(Path.of("target/never-created").toAbsolutePath());
    }

    @Test
    void buildStartsNothing() {
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();

        assertThat(kafka.isRunning()).isFalse();
        assertThat(kafka.kind()).isEqualTo(BrokerKind.EMBEDDED);
        assertThat(kafka.description()).contains("not started");
        assertThatThrownBy(kafka::bootstrapServers).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(kafka::pid).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(kafka::suspend).isInstanceOf(IllegalStateException.class);
        kafka.close();
    }

    @Test
    void closedBrokerCannotStartAgain() {
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();
        kafka.close();

        assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
