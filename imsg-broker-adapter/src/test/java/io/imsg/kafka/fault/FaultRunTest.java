package io.imsg.kafka.fault;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.testkit.fault.FaultRun;
import org.junit.jupiter.api.Test;

class FaultRunTest {

    @Test
    void aRunNameThatCannotBeADirectoryNameIsRejected() {
        assertThatThrownBy(() -> FaultRun.start("broker kill"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must be [A-Za-z0-9._-]+, was 'broker kill'");
        assertThatThrownBy(() -> FaultRun.start("../escape"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must be [A-Za-z0-9._-]+, was '../escape'");
        assertThatThrownBy(() -> FaultRun.start(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must be [A-Za-z0-9._-]+, was 'null'");
    }

    @Test
    void aSeedThatIsNotANumberIsRejectedNamingTheProperty() {
        String before = System.getProperty(FaultRun.SEED_PROPERTY);
        System.setProperty(FaultRun.SEED_PROPERTY, "0x2a");
        try {
            assertThatThrownBy(() -> FaultRun.start("seeded")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("imsg.faults.seed must be a whole number (a seed a failed run printed), was '0x2a'");
        } finally {
            if (before == null) {
                System.clearProperty(FaultRun.SEED_PROPERTY);
            } else {
                System.setProperty(FaultRun.SEED_PROPERTY, before);
            }
        }
    }
}
