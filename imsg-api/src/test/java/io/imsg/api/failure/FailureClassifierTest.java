package io.imsg.api.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @Test
    void unknownFailuresAreRetryableByDefault() {
        assertThat(FailureClassifier.defaults().isRetryable(new IOException("db busy"))).isTrue();
    }

    @Test
    void decodingAndNonRetryableFailuresAreNot() {
        FailureClassifier classifier = FailureClassifier.defaults();

        assertThat(classifier.isRetryable(new DecodingException("bad bytes", null))).isFalse();
        assertThat(classifier.isRetryable(new UnknownSchemaException(42L, "payload", null))).isFalse();
        assertThat(classifier.isRetryable(new MessageTooLargeException("value", 10, 5, null))).isFalse();
        assertThat(classifier.isRetryable(new NonRetryableException("unknown sku"))).isFalse();
    }

    @Test
    void configuredClassesAndTheirSubclassesAreNotRetryable() {
        FailureClassifier classifier = FailureClassifier.builder().nonRetryable(IllegalArgumentException.class).build();

        assertThat(classifier.isRetryable(new NumberFormatException("x"))).isFalse();
        assertThat(classifier.isRetryable(new IllegalStateException("x"))).isTrue();
    }

    @Test
    void aNonRetryableCauseDeepInTheChainCounts() {
        Exception wrapped = new RuntimeException(new IllegalStateException(new NonRetryableException("no")));

        assertThat(FailureClassifier.defaults().isRetryable(wrapped)).isFalse();
    }

    @Test
    void anExplicitRetryableWinsOverANonRetryableCause() {
        Exception failure = new RetryableException("try again", new NonRetryableException("inner"));

        assertThat(FailureClassifier.defaults().isRetryable(failure)).isTrue();
    }

    @Test
    void aCyclicCauseChainDoesNotLoopForever() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(FailureClassifier.defaults().isRetryable(a)).isTrue();
    }

    @Test
    void exceptionsCarryTheirRecordCoordinates() {
        var origin = new io.imsg.api.RecordOrigin("orders", 3, 77, java.time.Instant.EPOCH);

        DecodingException failure = new DecodingException("truncated", origin);

        assertThat(failure.origin()).contains(origin);
        assertThat(failure).hasMessage("truncated [record orders-3@77]");
    }
}
