package io.imsg.guice;

import java.util.List;

/** Kafka clients each run a network thread named {@code kafka-...}: a sign that a client exists. */
final class KafkaThreads {

    private KafkaThreads() {}

    static List<String> running() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("kafka-")).toList();
    }
}
