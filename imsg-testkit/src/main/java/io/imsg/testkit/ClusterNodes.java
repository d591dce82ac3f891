package io.imsg.testkit;

import io.imsg.testkit.internal.BrokerConfig;
import io.imsg.testkit.internal.BrokerLayout;
import io.imsg.testkit.internal.BrokerPorts;
import io.imsg.testkit.internal.ClusterConfig;
import io.imsg.testkit.internal.ClusterId;
import io.imsg.testkit.internal.ClusterSettings;
import io.imsg.testkit.internal.QuorumNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Lays out the nodes of an {@link EmbeddedKafkaCluster} at its first start: free ports for all
 * of them at once, one directory each, one cluster id, and each node's configuration naming
 * every node as a voter of the static quorum. Nothing is launched here.
 */
final class ClusterNodes {

    private ClusterNodes() {}

    static List<ClusterNode> create(ClusterSettings settings, Path clusterDir) {
        List<BrokerPorts> ports = BrokerPorts.pickFree(settings.nodes());
        List<QuorumNode> quorum = IntStream.range(0, settings.nodes())
                .mapToObj(i -> new QuorumNode(i + 1, ports.get(i)))
                .toList();
        List<BrokerLayout> layouts = quorum.stream()
                .map(node -> new BrokerLayout(ClusterSettings.nodeDir(clusterDir, node.id())))
                .toList();
        String clusterId = ClusterId.resolve(layouts);
        Map<String, String> defaults = ClusterConfig.defaults(settings.nodes());
        return IntStream.range(0, settings.nodes())
                .mapToObj(i -> new ClusterNode(quorum.get(i), settings.node(), layouts.get(i),
                        BrokerConfig.serverProperties(quorum.get(i), quorum, layouts.get(i).logDir(), defaults,
                                settings.node().brokerProperties()),
                        clusterId))
                .toList();
    }
}
