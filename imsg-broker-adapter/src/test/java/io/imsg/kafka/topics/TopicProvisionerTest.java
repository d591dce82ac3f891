package io.imsg.kafka.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.failure.ImsgException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/**
 * The cluster is a stand-in admin client that knows one topic, "orders", with three partitions, and
 * refuses to describe topics whose names start with "secret".
 */
class TopicProvisionerTest {

    private final TopicProvisioner provisioner = new TopicProvisioner(admin(), Duration.ofSeconds(5));

    @Test
    void partitionCountsOfExistingTopicsAreRead() {
        assertThat(provisioner.partitionCounts(List.of("orders"))).isEqualTo(Map.of("orders", 3));
    }

    @Test
    void aRoutedTopicThatDoesNotExistIsRefusedNamingTheTopics() {
        assertThatThrownBy(() -> provisioner.partitionCounts(List.of("orders", "ordres")))
                .isInstanceOf(ImsgException.class)
                .hasMessageStartingWith("a routed topic does not exist; create it before subscribing (topics: ")
                .hasMessageContaining("ordres");
    }

    @Test
    void existingNamesTheTopicsThatExistOfThoseAskedAbout() {
        assertThat(provisioner.existing(List.of("orders", "orders.priority"))).containsExactly("orders");
        assertThat(provisioner.exists("orders")).isTrue();
        assertThat(provisioner.exists("orders.priority")).isFalse();
    }

    @Test
    void aTopicTheClusterWillNotDescribeIsLeftOutOfExistingButExistsSaysItCannotTell() {
        assertThat(provisioner.existing(List.of("secret.priority", "orders"))).as("one unreadable hides nothing")
                .containsExactly("orders");
        assertThatThrownBy(() -> provisioner.exists("secret.priority")).isInstanceOf(ImsgException.class)
                .hasMessage("describing topic secret.priority failed")
                .hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    private static Admin admin() {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "describeTopics" -> describe((Collection<?>) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static DescribeTopicsResult describe(Collection<?> topics) {
        Node node = new Node(0, "localhost", 9092);
        Map<String, KafkaFuture<TopicDescription>> byName = new HashMap<>();
        for (Object name : topics) {
            String topic = (String) name;
            KafkaFutureImpl<TopicDescription> future = new KafkaFutureImpl<>();
            if (topic.equals("orders")) {
                List<TopicPartitionInfo> partitions = List.of(0, 1, 2).stream()
                        .map(p -> new TopicPartitionInfo(p, node, List.of(node), List.of(node))).toList();
                future.complete(new TopicDescription(topic, false, partitions));
            } else if (topic.startsWith("secret")) {
                future.completeExceptionally(new TopicAuthorizationException(java.util.Set.of(topic)));
            } else {
                future.completeExceptionally(new UnknownTopicOrPartitionException(topic));
            }
            byName.put(topic, future);
        }
        return new DescribeTopicsResult(null, byName) { };
    }
}
