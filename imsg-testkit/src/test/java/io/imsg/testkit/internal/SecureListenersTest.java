package io.imsg.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.testkit.SecureListener;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SecureListenersTest {

    private final SecureListener secure = SecureListener.of(Path.of("/tmp/broker.p12"), "store-secret")
            .withUser("alice", "alice-secret");

    @Test
    void aSaslSslListenerIsAddedNextToThePlaintextOne() {
        Properties props = BrokerConfig.serverProperties(new BrokerPorts(9092, 9093), Path.of("/tmp/logs"), Map.of());

        SecureListeners.apply(props, secure, 9094);

        assertThat(props.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093,"
                + "SECURE://127.0.0.1:9094");
        assertThat(props.getProperty("advertised.listeners")).endsWith(",SECURE://127.0.0.1:9094");
        assertThat(props.getProperty("listener.security.protocol.map")).endsWith(",SECURE:SASL_SSL");
        assertThat(props.getProperty("listener.name.secure.sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(props.getProperty("listener.name.secure.ssl.keystore.location")).isEqualTo("/tmp/broker.p12");
        assertThat(props.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
    }

    @Test
    void theListenerShowsNoPasswordAndChecksItsUsers() {
        assertThat(secure.toString()).contains("alice").doesNotContain("secret");
        assertThatThrownBy(() -> secure.withUser(" ", "x")).hasMessage("scram user name must not be blank");
    }
}
