package io.imsg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The three-node cluster's lifecycle, on one private cluster: one start, then the active
 * controller killed and started again, then a graceful node restart. The order matters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedKafkaClusterIT {

    private static EmbeddedKafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedKafkaCluster.builder().build().start();
        System.out.println("embedded 3-node cluster startup: " + cluster.lastStartupTime().toMillis() + " ms ("
                + cluster.description() + ")");
    }

    @AfterAll
    static void closeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void allThreeNodesServeClientsWithReplicatedDefaults() throws Exception {
        try (Admin admin = Admin.create(cluster.adminProperties())) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
            assertThat(nodes).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(nodes).allSatisfy(node -> assertThat(node.host()).isEqualTo("127.0.0.1"));
            assertThat(admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).voters())
                    .hasSize(3);
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "2");
            Config config = admin.describeConfigs(List.of(broker)).all().get(10, TimeUnit.SECONDS).get(broker);
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
            assertThat(config.get("default.replication.factor").value()).isEqualTo("3");
            assertThat(config.get("unclean.leader.election.enable").value()).isEqualTo("false");
        }
        assertThat(cluster.bootstrapServers().split(",")).hasSize(3);
        assertThat(cluster.nodes()).extracting(ClusterNode::pid).doesNotHaveDuplicates();
        assertThat(cluster.kind()).isEqualTo(BrokerKind.EMBEDDED_CLUSTER);
        assertThatThrownBy(cluster::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("running already");
    }

    @Test
    @Order(2)
    void createdTopicHasThreeReplicasAllInSyncAndTakesWritesAtOnce() throws Exception {
        String topic = TestNames.unique("replicated");

        cluster.createTopic(topic, 3);
        List<String> sent = TestClients.sendAcknowledged(cluster, topic, 30);

        assertThat(describe(topic).partitions()).allSatisfy(partition -> {
            assertThat(partition.replicas()).hasSize(3);
            assertThat(partition.isr()).hasSize(3);
        });
        assertThat(cluster.partitionLeaders(topic).values()).allSatisfy(leader -> assertThat(leader).isPresent());
        assertThat(TestClients.readValues(cluster, topic, 3, 30, Duration.ofSeconds(20)))
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    @Order(3)
    void killedActiveControllerIsReplacedAndRejoinsWithItsData() throws Exception {
        String topic = TestNames.unique("controller-kill");
        cluster.createTopic(topic, 3);
        List<String> sent = new ArrayList<>(TestClients.sendAcknowledged(cluster, topic, 100));
        int controller = cluster.activeControllerId();
        ClusterNode victim = cluster.node(controller);
        long killedPid = victim.pid();

        victim.kill();

        assertThat(ProcessHandle.of(killedPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        // Two of three nodes keep a quorum and min.insync.replicas=2: writes go on.
        sent.addAll(TestClients.sendAcknowledged(cluster, topic, 100));
        assertThat(cluster.activeControllerId()).isNotEqualTo(controller);
        assertThat(cluster.partitionLeaders(topic).values()).doesNotContain(OptionalInt.of(controller));
        victim.start();
        System.out.println("cluster node start after kill -9: " + victim.lastStartupTime().toMillis() + " ms");
        assertThat(victim.pid()).isNotEqualTo(killedPid);
        assertThat(TestClients.readValues(cluster, topic, 3, 200, Duration.ofSeconds(30)))
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    @Order(4)
    void gracefulRestartKeepsTheNodesAddress() {
        ClusterNode node = cluster.node(1);
        String address = node.bootstrapServers();
        long oldPid = node.pid();

        node.restart();
        System.out.println("cluster node graceful restart: " + node.lastStartupTime().toMillis() + " ms");

        assertThat(node.pid()).isNotEqualTo(oldPid);
        assertThat(node.bootstrapServers()).isEqualTo(address);
        assertThat(node.isRunning()).isTrue();
    }

    @Test
    @Order(5)
    void closeEndsEveryChildAndDeletesTheTemporaryDataDir() {
        List<Long> pids = cluster.nodes().stream().map(ClusterNode::pid).toList();
        Path dataDir = cluster.dataDir();
        assertThat(dataDir.resolve("node-3").resolve("broker.log")).exists();
        long begin = System.nanoTime();

        cluster.close();
        System.out.println("cluster close: " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) + " ms");

        assertThat(pids).allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        assertThat(Files.exists(dataDir)).isFalse();
    }

    private static TopicDescription describe(String topic) throws Exception {
        try (Admin admin = Admin.create(cluster.adminProperties())) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        }
    }
}
