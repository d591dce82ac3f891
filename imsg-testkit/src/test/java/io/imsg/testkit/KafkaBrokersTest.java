package io.imsg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class KafkaBrokersTest {

    private static final KafkaBroker EMBEDDED = new FakeBroker(BrokerKind.EMBEDDED);
    private static final KafkaBroker CONTAINER = new FakeBroker(BrokerKind.TESTCONTAINERS);
    private static final Supplier<KafkaBroker> FAILING_CONTAINER = () -> {
        throw new IllegalStateException("could not pull apache/kafka");
    };

    @Test
    void autoWithoutDockerUsesTheEmbeddedBroker() {
        assertThat(KafkaBrokers.start(BrokerChoice.AUTO, () -> false, () -> EMBEDDED, () -> CONTAINER)).isSameAs(EMBEDDED);
    }

    @Test
    void autoWithDockerUsesTestcontainers() {
        assertThat(KafkaBrokers.start(BrokerChoice.AUTO, () -> true, () -> EMBEDDED, () -> CONTAINER)).isSameAs(CONTAINER);
    }

    @Test
    void autoFallsBackToEmbeddedWhenTheContainerDoesNotStart() {
        assertThat(KafkaBrokers.start(BrokerChoice.AUTO, () -> true, () -> EMBEDDED, FAILING_CONTAINER)).isSameAs(EMBEDDED);
    }

    @Test
    void embeddedIsUsedEvenWithDocker() {
        assertThat(KafkaBrokers.start(BrokerChoice.EMBEDDED, () -> true, () -> EMBEDDED, () -> CONTAINER)).isSameAs(EMBEDDED);
    }

    @Test
    void testcontainersWithoutDockerFailsNamingTheProperty() {
        assertThatThrownBy(() -> KafkaBrokers.start(BrokerChoice.TESTCONTAINERS, () -> false, () -> EMBEDDED, () -> CONTAINER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("imsg.test.broker=testcontainers")
                .hasMessageContaining("Docker is not available");
    }

    @Test
    void dockerCheckNeverThrows() {
        // No Docker on the build machines: this must answer false, quickly and quietly.
        assertThat(ContainerKafka.dockerAvailable()).isIn(true, false);
    }

    private record FakeBroker(BrokerKind kind) implements KafkaBroker {
        @Override
        public String bootstrapServers() {
            return "127.0.0.1:1";
        }

        @Override
        public void createTopic(String name, int partitions, Map<String, String> configs) {}

        @Override
        public String description() {
            return "fake " + kind;
        }

        @Override
        public void close() {}
    }
}
