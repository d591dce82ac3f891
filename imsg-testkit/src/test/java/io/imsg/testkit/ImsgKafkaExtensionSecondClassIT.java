package io.imsg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A second test class: it must get the same broker as {@link ImsgKafkaExtensionIT}. */
@ImsgKafkaTest
class ImsgKafkaExtensionSecondClassIT {

    @Test
    void anotherClassGetsTheSameBroker(KafkaBroker broker) {
        String topic = TestNames.unique("second-class");

        broker.createTopic(topic, 1);

        assertThat(SharedBrokerWitness.saw(broker)).hasSize(1);
    }
}
