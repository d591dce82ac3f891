package io.imsg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void theTemporaryDataDirectoryIsMadeInTheGivenRootAndDeletedOnClose(@TempDir Path root) {
        EmbeddedKafka kafka = EmbeddedKafka.builder().temporaryDataRoot(root).build();

        Path dataDir = kafka.dataDir();
        assertThat(dataDir).isDirectory().hasParent(root);
        kafka.close();
        assertThat(Files.exists(dataDir)).isFalse();
        assertThat(root).isDirectory();
    }

    @Test
    void aTemporaryDataRootMustBeADirectoryAndCannotGoWithADataDir(@TempDir Path root) throws Exception {
        Path file = Files.createFile(root.resolve("not-a-directory"));

        assertThatThrownBy(() -> EmbeddedKafka.builder().temporaryDataRoot(root.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temporaryDataRoot must be an existing directory");
        assertThatThrownBy(() -> EmbeddedKafka.builder().temporaryDataRoot(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-a-directory");
        assertThatThrownBy(() -> EmbeddedKafka.builder().temporaryDataRoot(root).dataDir(root.resolve("kafka")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exclude each other");
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
