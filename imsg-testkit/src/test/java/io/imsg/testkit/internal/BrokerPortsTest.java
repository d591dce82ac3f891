package io.imsg.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BrokerPortsTest {

    @Test
    void freePortsAreTwoDifferentPortsOnLoopback() {
        BrokerPorts ports = BrokerPorts.pickFree();

        assertThat(ports.clientPort()).isNotEqualTo(ports.controllerPort());
        assertThat(ports.bootstrapServers()).isEqualTo("127.0.0.1:" + ports.clientPort());
    }

    @Test
    void freePortsForAClusterAreAllDifferent() {
        List<BrokerPorts> ports = BrokerPorts.pickFree(3);

        assertThat(ports).hasSize(3);
        assertThat(ports.stream().flatMap(p -> Stream.of(p.clientPort(), p.controllerPort()))).doesNotHaveDuplicates()
                .hasSize(6);
        assertThatThrownBy(() -> BrokerPorts.pickFree(0)).hasMessageContaining("nodes must be >= 1");
    }

    @Test
    void invalidPortsAreRejectedByName() {
        assertThatThrownBy(() -> new BrokerPorts(0, 9093)).hasMessageContaining("clientPort");
        assertThatThrownBy(() -> new BrokerPorts(9092, 70_000)).hasMessageContaining("controllerPort");
        assertThatThrownBy(() -> new BrokerPorts(9092, 9092)).hasMessageContaining("must differ");
    }
}
