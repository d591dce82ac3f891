package io.imsg.handler.metrics;

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
    }

    @Test
    void eachWitherReplacesOneNameAndKeepsTheOthers() {
        MeterNames names = MeterNames.defaults().withLatency("orders.latency");

        assertThat(names).isEqualTo(new MeterNames("imsg.messages.handled", "imsg.handler.duration", "orders.latency"));
        assertThat(MeterNames.defaults().withHandled("h").handled()).isEqualTo("h");
        assertThat(MeterNames.defaults().withHandlerDuration("d").handlerDuration()).isEqualTo("d");
    }

    @Test
    void blankNamesAreRejectedNamingWhichMeter() {
        assertThatThrownBy(() -> MeterNames.defaults().withHandled(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("handled meter name must not be blank");
        assertThatThrownBy(() -> MeterNames.defaults().withHandlerDuration(null))
                .hasMessage("handlerDuration meter name must not be blank");
        assertThatThrownBy(() -> MeterNames.defaults().withLatency(""))
                .hasMessage("latency meter name must not be blank");
    }
}
