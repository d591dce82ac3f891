package io.imsg.kafka.presence.internal;

import io.imsg.api.presence.PresenceView;
import io.imsg.api.presence.SendPolicy;
import io.imsg.api.spi.Publisher;
import io.imsg.kafka.presence.PresenceAwarePublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/** The send policies given to {@code KafkaMessaging.Builder}, kept until the publisher exists. Not thread-safe. */
public final class SendPolicies {

    private SendPolicy defaultPolicy;
    private final Map<String, SendPolicy> byTarget = new LinkedHashMap<>();

    public void defaultPolicy(SendPolicy policy) {
        this.defaultPolicy = policy;
    }

    public void policy(String target, SendPolicy policy) {
        byTarget.put(target, policy);
    }

    public boolean isSet() {
        return defaultPolicy != null || !byTarget.isEmpty();
    }

    public Publisher publisher(Publisher delegate, PresenceView view, MeterRegistry registry) {
        PresenceAwarePublisher.Builder builder = PresenceAwarePublisher.builder(delegate, view, registry);
        if (defaultPolicy != null) {
            builder.defaultPolicy(defaultPolicy);
        }
        byTarget.forEach(builder::policy);
        return builder.build();
    }
}
