package io.imsg.kafka.fault;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.testkit.fault.ChildJvm;
import org.junit.jupiter.api.Test;

/** The child JVM's settings are checked when set, so a bad one never reaches a command line. */
class ChildJvmTest {

    @Test
    void aBlankMainClassIsRejected() {
        assertThatThrownBy(() -> ChildJvm.builder(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mainClass must not be blank");
    }

    @Test
    void aNameThatCannotBeAFileNameIsRejected() {
        ChildJvm.Builder builder = ChildJvm.builder(ChildProbeMain.class.getName());

        assertThatThrownBy(() -> builder.name("../consumer")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must be [A-Za-z0-9._-]+, was '../consumer'");
        assertThatThrownBy(() -> builder.name("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be blank");
    }

    @Test
    void aHeapThatIsNotAnXmxSizeIsRejected() {
        ChildJvm.Builder builder = ChildJvm.builder(ChildProbeMain.class.getName());

        assertThatThrownBy(() -> builder.heap("lots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heap must look like 256m or 1g, was 'lots'");
        assertThatThrownBy(() -> builder.heap("256")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heap must look like 256m or 1g, was '256'");
    }

    @Test
    void aBlankSystemPropertyKeyIsRejected() {
        assertThatThrownBy(() -> ChildJvm.builder(ChildProbeMain.class.getName()).systemProperty(" ", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("systemProperty key must not be blank");
    }
}
