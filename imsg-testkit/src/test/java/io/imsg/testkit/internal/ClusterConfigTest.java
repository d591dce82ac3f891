package io.imsg.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {

    private final List<QuorumNode> quorum = List.of(
            new QuorumNode(1, new BrokerPorts(40001, 40002)),
            new QuorumNode(2, new BrokerPorts(40003, 40004)),
            new QuorumNode(3, new BrokerPorts(40005, 40006)));

    @Test
    void threeNodesReplicateEverythingThreeTimesAndNeedTwoInSync() {
        Map<String, String> defaults = ClusterConfig.defaults(3);

        assertThat(defaults).containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("share.coordinator.state.topic.replication.factor", "3")
                .containsEntry("share.coordinator.state.topic.min.isr", "2")
                .containsEntry("unclean.leader.election.enable", "false")
                // the single broker's other defaults still apply
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("broker.session.timeout.ms", "4000");
    }

    @Test
    void replicationFollowsTheNumberOfNodes() {
        assertThat(ClusterConfig.replicationFactor(1)).isEqualTo(1);
        assertThat(ClusterConfig.minInSyncReplicas(1)).isEqualTo(1);
        assertThat(ClusterConfig.replicationFactor(2)).isEqualTo(2);
        assertThat(ClusterConfig.minInSyncReplicas(2)).isEqualTo(1);
        assertThat(ClusterConfig.replicationFactor(5)).isEqualTo(3);
        assertThat(ClusterConfig.minInSyncReplicas(5)).isEqualTo(2);
        assertThatThrownBy(() -> ClusterConfig.defaults(0)).hasMessageContaining("nodes must be >= 1");
    }

    @Test
    void eachNodeNamesItselfAndEveryVoterOfTheStaticQuorum() {
        Properties props = BrokerConfig.serverProperties(quorum.get(1), quorum, Path.of("/data/node-2/kafka-logs"),
                ClusterConfig.defaults(3), Map.of("min.insync.replicas", "3"));

        assertThat(props.getProperty("node.id")).isEqualTo("2");
        assertThat(props.getProperty("controller.quorum.voters"))
                .isEqualTo("1@127.0.0.1:40002,2@127.0.0.1:40004,3@127.0.0.1:40006");
        assertThat(props.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:40003,CONTROLLER://127.0.0.1:40004");
        assertThat(props.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:40003");
        assertThat(props.getProperty("log.dirs")).isEqualTo("/data/node-2/kafka-logs");
        assertThat(props.getProperty("min.insync.replicas")).as("user override wins").isEqualTo("3");
        assertThat(props).doesNotContainKey("controller.quorum.bootstrap.servers");
    }

    @Test
    void aNodeOutsideTheQuorumIsRejected() {
        QuorumNode stranger = new QuorumNode(4, new BrokerPorts(40007, 40008));

        assertThatThrownBy(() -> BrokerConfig.serverProperties(stranger, quorum, Path.of("/data"), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must include node");
    }

    @Test
    void singleBrokerConfigurationIsAQuorumOfItself() {
        QuorumNode self = new QuorumNode(BrokerConfig.NODE_ID, new BrokerPorts(40001, 40002));

        assertThat(BrokerConfig.serverProperties(self.ports(), Path.of("/data"), Map.of()))
                .isEqualTo(BrokerConfig.serverProperties(self, List.of(self), Path.of("/data"), BrokerConfig.defaults(),
                        Map.of()));
    }

    @Test
    void invalidQuorumNodesAreRejectedByName() {
        assertThatThrownBy(() -> new QuorumNode(0, new BrokerPorts(40001, 40002))).hasMessageContaining("node id");
        assertThatThrownBy(() -> new QuorumNode(1, null)).hasMessageContaining("ports");
        assertThatThrownBy(() -> QuorumNode.voters(List.of())).hasMessageContaining("quorum");
    }

    @Test
    void clusterSettingsCheckTheNumberOfNodes() {
        assertThatThrownBy(() -> ClusterSettings.checkNodes(0)).hasMessageContaining("nodes must be in 1..9, was 0");
        assertThatThrownBy(() -> ClusterSettings.checkNodes(10)).hasMessageContaining("nodes must be in 1..9, was 10");
        assertThat(ClusterSettings.defaults().nodes()).isEqualTo(3);
        assertThat(ClusterSettings.nodeDir(Path.of("/data"), 2)).isEqualTo(Path.of("/data/node-2"));
    }
}
