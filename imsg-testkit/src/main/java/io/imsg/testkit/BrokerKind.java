package io.imsg.testkit;

/** Which kind of Kafka broker a {@link KafkaBroker} is. */
public enum BrokerKind {
    /** A real KRaft broker in a child JVM of the test run: {@link EmbeddedKafka}. */
    EMBEDDED,
    /** Several real KRaft nodes, each in a child JVM of the test run: {@link EmbeddedKafkaCluster}. */
    EMBEDDED_CLUSTER,
    /** Kafka in a Docker container managed by Testcontainers: {@link ContainerKafka}. */
    TESTCONTAINERS
}
