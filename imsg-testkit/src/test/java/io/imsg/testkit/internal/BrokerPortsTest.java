package io.imsg.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerPortsTest {

    @Test
    void freePortsAreTwoDifferentPortsOnLoopback() {
        BrokerPorts ports = BrokerPorts.pickFree();

        assertThat(ports.clientPort()).isNotEqualTo(ports.controllerPort());
        assertThat(ports.bootstrapServers()).isEqualTo("127.0.0.1:" + ports.clientPort());
    }

    @Test
    void invalidPortsAreRejectedByName() {
        assertThatThrownBy(() -> new BrokerPorts(0, 9093)).hasMessageContaining("clientPort");
        assertThatThrownBy(() -> new BrokerPorts(9092, 70_000)).hasMessageContaining("controllerPort");
        assertThatThrownBy(() -> new BrokerPorts(9092, 9092)).hasMessageContaining("must differ");
    }
}
