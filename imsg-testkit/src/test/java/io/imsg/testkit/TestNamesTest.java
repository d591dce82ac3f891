package io.imsg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TestNamesTest {

    @Test
    void uniqueNamesDifferAndAreLegalTopicNames() {
        Set<String> names = IntStream.range(0, 1_000).parallel()
                .mapToObj(i -> TestNames.unique("orders"))
                .collect(Collectors.toSet());

        assertThat(names).hasSize(1_000).allMatch(name -> name.matches("orders-[0-9a-f]+-[0-9]+"));
    }

    @Test
    void illegalPrefixesAreRejectedByName() {
        assertThatThrownBy(() -> TestNames.unique("")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> TestNames.unique("orders/eu")).hasMessageContaining("prefix").hasMessageContaining("orders/eu");
        assertThatThrownBy(() -> TestNames.unique("x".repeat(201))).hasMessageContaining("prefix");
        assertThatThrownBy(() -> TestNames.unique(null)).hasMessageContaining("prefix");
    }
}
