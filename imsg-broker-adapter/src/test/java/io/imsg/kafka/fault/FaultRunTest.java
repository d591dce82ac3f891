package io.imsg.kafka.fault;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.testkit.fault.FaultRun;
import org.junit.jupiter.api.Test;

class FaultRunTest {

    @Test
    void aRunNameThatCannotBeADirectoryNameIsRejectedBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> FaultRun.start("broker kill"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must be [A-Za-z0-9._-]+, was 'broker kill'");
        assertThatThrownBy(() -> FaultRun.start("../escape"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must be [A-Za-z0-9._-]+, was '../escape'");
    }
}
