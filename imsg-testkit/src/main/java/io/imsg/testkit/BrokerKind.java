package io.imsg.testkit;

/** Which kind of Kafka broker a {@link KafkaBroker} is. */
public enum BrokerKind {
    /** A real KRaft broker in a child JVM of the test run: {@link EmbeddedKafka}. */
    EMBEDDED,
    /** Kafka in a Docker container managed by Testcontainers: {@link ContainerKafka}. */
    TESTCONTAINERS
}
