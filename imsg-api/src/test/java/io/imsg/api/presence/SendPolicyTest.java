package io.imsg.api.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SendPolicyTest {

    @Test
    void eachPolicyNamesItsPathForMetrics() {
        assertThat(SendPolicy.sendAnyway().path()).isEqualTo("send_anyway");
        assertThat(SendPolicy.failFast().path()).isEqualTo("fail_fast");
        assertThat(SendPolicy.fallbackTopic("orders.offline").path()).isEqualTo("fallback_topic");
        assertThat(SendPolicy.fallback((topic, message) -> null).path()).isEqualTo("fallback_handler");
    }

    @Test
    void aFallbackTopicMustBeNamedAndAFallbackHandlerGiven() {
        assertThatThrownBy(() -> SendPolicy.fallbackTopic(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fallback topic must not be blank");
        // Found at start-up, not as an InvalidTopicException on the first message to an offline target.
        assertThatThrownBy(() -> SendPolicy.fallbackTopic("orders/offline"))
                .hasMessageStartingWith("fallback topic 'orders/offline' contains the illegal character U+002F");
        assertThatThrownBy(() -> SendPolicy.fallback(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("fallback handler must not be null");
    }

    @Test
    void targetOfflineNamesTheTargetTopicAndMessage() {
        TargetOfflineException e = new TargetOfflineException("billing", "invoices", "m-7");

        assertThat(e.target()).isEqualTo("billing");
        assertThat(e).hasMessageContainingAll("'billing'", "m-7", "invoices", "fail fast");
    }
}
