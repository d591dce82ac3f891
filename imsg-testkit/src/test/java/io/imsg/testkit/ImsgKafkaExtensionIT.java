package io.imsg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@ImsgKafkaTest
class ImsgKafkaExtensionIT {

    @Test
    void sharedBrokerIsInjectedAndServesClients(KafkaBroker broker) throws Exception {
        String topic = TestNames.unique("extension");

        broker.createTopic(topic, 2);
        List<String> sent = TestClients.sendAcknowledged(broker, topic, 5);

        assertThat(TestClients.readValues(broker, topic, 2, 5, Duration.ofSeconds(20))).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(SharedBrokerWitness.saw(broker)).hasSize(1);
    }

    @Test
    void withoutDockerTheSharedBrokerIsEmbeddedAndInjectableAsSuch(KafkaBroker broker, EmbeddedKafka embedded) {
        if (broker.kind() == BrokerKind.EMBEDDED) {
            assertThat(embedded).isSameAs(broker);
        }
        assertThat(embedded.isRunning()).isTrue();
        assertThat(SharedBrokerWitness.saw(broker)).hasSize(1);
    }
}
