package io.imsg.testkit;

import io.imsg.testkit.internal.KafkaClientVersion;
import io.imsg.testkit.internal.TopicReadiness;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Kafka in a Docker container, through Testcontainers; used only where Docker is available.
 * Configured like {@link EmbeddedKafka}: one node, no automatic topic creation, no initial
 * rebalance delay. Thread-safe.
 *
 * <p>The image is {@code apache/kafka} at the version of the Kafka client on the classpath,
 * unless the system property {@value #IMAGE_PROPERTY} names another.
 */
public final class ContainerKafka implements KafkaBroker {

    /** System property naming the Docker image to run. */
    public static final String IMAGE_PROPERTY = "imsg.test.kafka.image";

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaContainer container;
    private final String image;

    private ContainerKafka(KafkaContainer container, String image) {
        this.container = container;
        this.image = image;
    }

    /** Whether Testcontainers finds a working Docker environment; never throws. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false; // no Docker, or Testcontainers left off the classpath
        }
    }

    /** Starts the image named by {@value #IMAGE_PROPERTY}, or {@code apache/kafka:<client version>}. */
    public static ContainerKafka start() {
        return start(System.getProperty(IMAGE_PROPERTY, "apache/kafka:" + KafkaClientVersion.get()));
    }

    /** Starts a container of {@code image} and waits until it serves clients. */
    public static ContainerKafka start(String image) {
        Objects.requireNonNull(image, "image must not be null");
        KafkaContainer container = new KafkaContainer(image)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return new ContainerKafka(container, image);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        TopicReadiness.create(adminProperties(), name, partitions, configs, TOPIC_TIMEOUT);
    }

    @Override
    public BrokerKind kind() {
        return BrokerKind.TESTCONTAINERS;
    }

    @Override
    public String description() {
        return "Testcontainers Kafka (" + image + ") at " + bootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return description();
    }
}
