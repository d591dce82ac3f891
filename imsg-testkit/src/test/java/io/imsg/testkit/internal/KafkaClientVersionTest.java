package io.imsg.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaClientVersionTest {

    @Test
    void readsTheVersionOfTheClientJarOnTheClasspath() {
        // The build manages kafka-clients once, in the parent pom; the test runs against that jar.
        assertThat(KafkaClientVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
