package io.imsg.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterIdTest {

    @TempDir
    Path dir;

    @Test
    void freshNodesGetOneNewId() {
        String id = ClusterId.resolve(List.of(node(1), node(2), node(3)));

        assertThat(Uuid.fromString(id)).isNotNull();
        assertThat(ClusterId.resolve(List.of(node(1)))).isNotEqualTo(id);
    }

    @Test
    void nodesStillToFormatJoinTheIdOfTheFormattedOnes() throws IOException {
        format(node(2), "AAAAAAAAAAAAAAAAAAAAAA");

        assertThat(ClusterId.resolve(List.of(node(1), node(2), node(3)))).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void nodesFormattedForDifferentClustersAreRefused() throws IOException {
        format(node(1), "AAAAAAAAAAAAAAAAAAAAAA");
        format(node(2), "BBBBBBBBBBBBBBBBBBBBBB");

        assertThatThrownBy(() -> ClusterId.resolve(List.of(node(1), node(2))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AAAAAAAAAAAAAAAAAAAAAA")
                .hasMessageContaining("BBBBBBBBBBBBBBBBBBBBBB");
    }

    private BrokerLayout node(int id) {
        return new BrokerLayout(ClusterSettings.nodeDir(dir, id));
    }

    private static void format(BrokerLayout node, String clusterId) throws IOException {
        Files.createDirectories(node.logDir());
        Files.writeString(node.logDir().resolve("meta.properties"),
                "version=1\nnode.id=1\ncluster.id=" + clusterId + "\n");
    }
}
