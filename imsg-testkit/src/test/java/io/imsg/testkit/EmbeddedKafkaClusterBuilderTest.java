package io.imsg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaClusterBuilderTest {

    @Test
    void invalidBuilderSettingsNameTheSetting() {
        EmbeddedKafkaClusterBuilder builder = EmbeddedKafkaCluster.builder();

        assertThatThrownBy(() -> builder.nodes(0)).hasMessageContaining("nodes must be in 1..9, was 0");
        assertThatThrownBy(() -> builder.nodes(10)).hasMessageContaining("nodes").hasMessageContaining("10");
        assertThatThrownBy(() -> builder.heap("lots")).hasMessageContaining("heap").hasMessageContaining("lots");
        assertThatThrownBy(() -> builder.startTimeout(Duration.ZERO)).hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> builder.stopTimeout(Duration.ofSeconds(-1))).hasMessageContaining("stopTimeout");
        assertThatThrownBy(() -> builder.dataDir(null)).hasMessageContaining("dataDir");
        assertThatThrownBy(() -> builder.brokerProperty(" ", "x")).hasMessageContaining("brokerProperty key");
        assertThatThrownBy(() -> builder.brokerProperty("num.partitions", null)).hasMessageContaining("num.partitions");
        assertThatThrownBy(() -> builder.brokerProperty("controller.quorum.voters", "1@x:1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'controller.quorum.voters'");
        assertThatThrownBy(() -> builder.brokerProperty("node.id", "7")).hasMessageContaining("'node.id'");
    }

    @Test
    void buildStartsNothing() {
        EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder()
                .dataDir(Path.of("target/never-created"))
                .brokerProperty("min.insync.replicas", "1")
                .heap("512m")
                .startTimeout(Duration.ofSeconds(30))
                .stopTimeout(Duration.ofSeconds(5))
                .build();

        assertThat(cluster.size()).isEqualTo(3);
        assertThat(cluster.replicationFactor()).isEqualTo(3);
        assertThat(cluster.kind()).isEqualTo(BrokerKind.EMBEDDED_CLUSTER);
        assertThat(cluster.description()).contains("3 nodes").contains("not started");
        assertThat(cluster.dataDir()).isEqualTo(Path.of("target/never-created").toAbsolutePath());
        assertThatThrownBy(cluster::bootstrapServers).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never started");
        assertThatThrownBy(() -> cluster.node(1)).isInstanceOf(IllegalStateException.class);
        cluster.close();
    }

    @Test
    void nodesAreAddressedByTheirKafkaNodeId() {
        EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().nodes(2).build();

        assertThat(cluster.replicationFactor()).isEqualTo(2);
        assertThatThrownBy(() -> cluster.node(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node id must be in 1..2, was 0");
        assertThatThrownBy(() -> cluster.node(3)).hasMessageContaining("node id must be in 1..2, was 3");
        cluster.close();
    }

    @Test
    void closedClusterCannotStartAgain() {
        EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().build();
        cluster.close();

        assertThatThrownBy(cluster::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
