package io.imsg.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MeterNamesTest {

    @Test
    void defaultsAreTheDocumentedImsgNames() {
        MeterNames names = MeterNames.defaults();

        assertThat(names.handled()).isEqualTo("imsg.messages.handled");
        assertThat(names.handlerDuration()).isEqualTo("imsg.handler.duration");
        assertThat(names.latency()).isEqualTo("imsg.message.latency");
        assertThat(names.published()).isEqualTo("imsg.messages.published");
        assertThat(names.received()).isEqualTo("imsg.messages.received");
        assertThat(names.consumerLag()).isEqualTo("imsg.consumer.lag");
        assertThat(names.inFlight()).isEqualTo("imsg.consumer.in.flight");
        assertThat(names.pausedPartitions()).isEqualTo("imsg.consumer.paused.partitions");
        assertThat(names.partitionsRevoked()).isEqualTo("imsg.consumer.partitions.revoked");
        assertThat(names.redeliveries()).isEqualTo("imsg.consumer.redeliveries");
    }

    @Test
    @SuppressWarnings("deprecation") // the nine-name constructor, kept for code written before redeliveries
    void eachWitherReplacesOneNameAndKeepsTheOthers() {
        MeterNames defaults = MeterNames.defaults();
        MeterNames names = defaults.withLatency("orders.latency");

        assertThat(names.latency()).isEqualTo("orders.latency");
        assertThat(names.withLatency(defaults.latency())).isEqualTo(defaults);
        assertThat(defaults.withHandled("a").handled()).isEqualTo("a");
        assertThat(defaults.withHandlerDuration("b").handlerDuration()).isEqualTo("b");
        assertThat(defaults.withPublished("c").published()).isEqualTo("c");
        assertThat(defaults.withReceived("d").received()).isEqualTo("d");
        assertThat(defaults.withConsumerLag("e").consumerLag()).isEqualTo("e");
        assertThat(defaults.withInFlight("f").inFlight()).isEqualTo("f");
        assertThat(defaults.withPausedPartitions("g").pausedPartitions()).isEqualTo("g");
        assertThat(defaults.withPartitionsRevoked("h").partitionsRevoked()).isEqualTo("h");
        assertThat(defaults.withRedeliveries("r").redeliveries()).isEqualTo("r");
        assertThat(defaults.withRedeliveries("r").withPartitionsRevoked("h").withPausedPartitions("g").withInFlight("f")
                .withConsumerLag("e").withReceived("d").withPublished("c").withHandlerDuration("b").withHandled("a")
                .withLatency("l")).isEqualTo(new MeterNames("a", "b", "l", "c", "d", "e", "f", "g", "h", "r"));
        assertThat(new MeterNames("a", "b", "l", "c", "d", "e", "f", "g", "h").redeliveries())
                .as("code written before redeliveries existed").isEqualTo("imsg.consumer.redeliveries");
    }

    @Test
    void oneNameForTwoMetersIsRejected() {
        assertThatThrownBy(() -> MeterNames.defaults().withHandled("imsg.messages.published"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("meter name 'imsg.messages.published' is given to two meters; each needs its own");
    }

    @Test
    void blankNamesAreRejectedNamingWhichMeter() {
        MeterNames defaults = MeterNames.defaults();
        assertThatThrownBy(() -> defaults.withHandled(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("handled meter name must not be blank");
        assertThatThrownBy(() -> defaults.withHandlerDuration(null))
                .hasMessage("handlerDuration meter name must not be blank");
        assertThatThrownBy(() -> defaults.withLatency("")).hasMessage("latency meter name must not be blank");
        assertThatThrownBy(() -> defaults.withPublished("")).hasMessage("published meter name must not be blank");
        assertThatThrownBy(() -> defaults.withReceived("")).hasMessage("received meter name must not be blank");
        assertThatThrownBy(() -> defaults.withConsumerLag("")).hasMessage("consumerLag meter name must not be blank");
        assertThatThrownBy(() -> defaults.withInFlight("")).hasMessage("inFlight meter name must not be blank");
        assertThatThrownBy(() -> defaults.withPausedPartitions(""))
                .hasMessage("pausedPartitions meter name must not be blank");
        assertThatThrownBy(() -> defaults.withPartitionsRevoked(""))
                .hasMessage("partitionsRevoked meter name must not be blank");
        assertThatThrownBy(() -> defaults.withRedeliveries("")).hasMessage("redeliveries meter name must not be blank");
    }
}
