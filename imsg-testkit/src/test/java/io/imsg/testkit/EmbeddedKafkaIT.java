package io.imsg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The embedded broker's lifecycle, on one private broker: one start, then a graceful restart
 * and a kill-and-restart, to keep the suite quick on a two-core machine. The order matters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedKafkaIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().build().start();
        System.out.println("embedded broker startup: " + kafka.lastStartupTime().toMillis() + " ms ("
                + kafka.description() + ")");
    }

    @AfterAll
    static void closeBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void brokerStartsAndAnswersAdminRequests() throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS));

            assertThat(nodes).singleElement().satisfies(node -> {
                assertThat(node.host()).isEqualTo("127.0.0.1");
                assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + node.port());
            });
        }
        assertThat(kafka.isRunning()).isTrue();
        assertThat(ProcessHandle.of(kafka.pid())).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(kafka.lastStartupTime()).isLessThan(Duration.ofSeconds(60));
        assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("running already");
    }

    @Test
    @Order(2)
    void createdTopicTakesIdempotentWritesAtOnce() throws Exception {
        String topic = TestNames.unique("at-once");

        kafka.createTopic(topic, 3);
        List<String> sent = TestClients.sendAcknowledged(kafka, topic, 30);

        assertThat(TestClients.readValues(kafka, topic, 3, 30, Duration.ofSeconds(20))).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    @Order(3)
    void createTopicAppliesItsConfigsAndRejectsADuplicate() throws Exception {
        String topic = TestNames.unique("compacted");

        kafka.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));

        try (Admin admin = Admin.create(kafka.adminProperties())) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
        assertThatThrownBy(() -> kafka.createTopic(topic, 1)).hasMessageContaining("already exists");
    }

    @Test
    @Order(4)
    void suspendedBrokerAnswersNothingUntilResumed() throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            kafka.suspend();
            try {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(1, TimeUnit.SECONDS))
                        .isInstanceOf(TimeoutException.class);
                assertThat(kafka.isRunning()).isTrue();
            } finally {
                kafka.resume();
            }
            assertThat(admin.describeCluster().nodes().get(20, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    @Order(5)
    void restartKeepsDataOnSameLogDirs() throws Exception {
        String topic = TestNames.unique("restart");
        kafka.createTopic(topic, 1);
        List<String> sent = TestClients.sendAcknowledged(kafka, topic, 10);
        String address = kafka.bootstrapServers();
        long oldPid = kafka.pid();

        kafka.restart();
        System.out.println("embedded broker graceful restart: " + kafka.lastStartupTime().toMillis() + " ms");

        assertThat(kafka.pid()).isNotEqualTo(oldPid);
        assertThat(kafka.bootstrapServers()).isEqualTo(address);
        assertThat(TestClients.readValues(kafka, topic, 1, 10, Duration.ofSeconds(20))).containsExactlyElementsOf(sent);
    }

    @Test
    @Order(6)
    void hardKillThenRestartKeepsAcknowledgedRecords() throws Exception {
        String topic = TestNames.unique("crash");
        kafka.createTopic(topic, 2);
        List<String> acknowledged = TestClients.sendAcknowledged(kafka, topic, 200);
        long killedPid = kafka.pid();

        kafka.kill();

        assertThat(kafka.isRunning()).isFalse();
        assertThat(ProcessHandle.of(killedPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        kafka.start();
        System.out.println("embedded broker start after kill -9: " + kafka.lastStartupTime().toMillis() + " ms");
        assertThat(TestClients.readValues(kafka, topic, 2, 200, Duration.ofSeconds(30)))
                .containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    @Test
    @Order(7)
    void closeEndsTheChildAndDeletesItsTemporaryDataDir() {
        long pid = kafka.pid();
        Path dataDir = kafka.dataDir();
        assertThat(dataDir.resolve("broker.log")).exists();

        kafka.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.exists(dataDir)).isFalse();
    }
}
