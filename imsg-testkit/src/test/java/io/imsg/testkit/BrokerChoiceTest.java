package io.imsg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerChoiceTest {

    @Test
    void choiceIsParsedIgnoringCaseAndDefaultsToAuto() {
        assertThat(BrokerChoice.parse("embedded")).isEqualTo(BrokerChoice.EMBEDDED);
        assertThat(BrokerChoice.parse(" TestContainers ")).isEqualTo(BrokerChoice.TESTCONTAINERS);
        assertThat(BrokerChoice.parse("auto")).isEqualTo(BrokerChoice.AUTO);
        assertThat(BrokerChoice.parse(null)).isEqualTo(BrokerChoice.AUTO);
        assertThat(BrokerChoice.parse("")).isEqualTo(BrokerChoice.AUTO);
    }

    @Test
    void unknownChoiceNamesThePropertyAndTheValues() {
        assertThatThrownBy(() -> BrokerChoice.parse("docker"))
                .hasMessageContaining("imsg.test.broker")
                .hasMessageContaining("embedded, testcontainers, auto")
                .hasMessageContaining("docker");
    }
}
