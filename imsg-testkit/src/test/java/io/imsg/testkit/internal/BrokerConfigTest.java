package io.imsg.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    private final BrokerPorts ports = new BrokerPorts(40001, 40002);

    @Test
    void brokerListensOnlyOnLoopbackWithTheGivenPorts() {
        Properties props = BrokerConfig.serverProperties(ports, Path.of("/data/kafka-logs"), Map.of());

        assertThat(props.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:40001,CONTROLLER://127.0.0.1:40002");
        assertThat(props.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:40001");
        assertThat(props.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:40002");
        assertThat(props.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(props.getProperty("log.dirs")).isEqualTo("/data/kafka-logs");
    }

    @Test
    void defaultsSuitOneNodeOnASmallMachine() {
        Properties props = BrokerConfig.serverProperties(ports, Path.of("/data"), Map.of());

        assertThat(props).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("num.partitions", "1")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void theOsSizesTheBrokersSocketBuffersSoLoopbackClientsSeeNoZeroWindowStalls() {
        Properties props = BrokerConfig.serverProperties(ports, Path.of("/data"), Map.of());

        assertThat(props).containsEntry("socket.receive.buffer.bytes", "-1")
                .containsEntry("socket.send.buffer.bytes", "-1");
    }

    @Test
    void userPropertiesOverrideDefaults() {
        Properties props = BrokerConfig.serverProperties(ports, Path.of("/data"),
                Map.of("num.partitions", "4", "log.retention.ms", "60000"));

        assertThat(props).containsEntry("num.partitions", "4").containsEntry("log.retention.ms", "60000");
    }

    @Test
    void reservedPropertiesAreRejectedByName() {
        assertThatThrownBy(() -> BrokerConfig.serverProperties(ports, Path.of("/data"), Map.of("listeners", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'listeners'");
    }

    @Test
    void writtenFileReadsBackTheSame(@TempDir Path dir) throws Exception {
        Properties props = BrokerConfig.serverProperties(ports, dir.resolve("kafka-logs"), Map.of());
        Path file = dir.resolve("server.properties");

        BrokerConfig.write(props, file);

        Properties read = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            read.load(in);
        }
        assertThat(read).isEqualTo(props);
    }

    @Test
    void brokerLogGoesToOneFileWithNoisyPackagesQuiet() {
        String config = BrokerLogging.config(Path.of("/data/broker.log"));

        assertThat(config).contains("appender.file.fileName = /data/broker.log")
                .contains("rootLogger.level = INFO")
                .contains("name = state.change.logger");
    }
}
