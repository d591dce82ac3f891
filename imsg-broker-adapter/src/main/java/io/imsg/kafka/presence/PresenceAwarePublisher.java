package io.imsg.kafka.presence;

import io.imsg.api.Message;
import io.imsg.api.presence.PresenceView;
import io.imsg.api.presence.SendPolicy;
import io.imsg.api.presence.TargetOfflineException;
import io.imsg.api.spi.PublishResult;
import io.imsg.api.spi.Publisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@link Publisher} that looks at a message's {@code target} before sending: when the target
 * service has no ONLINE instance in the {@link PresenceView}, the target's {@link SendPolicy}
 * decides (send anyway, fail fast, or a fallback). Messages without a target are sent as usual.
 * Every targeted send is counted in {@code imsg.presence.sends} with the path it took. Thread-safe.
 *
 * <pre>{@code
 * Publisher publisher = PresenceAwarePublisher.builder(kafkaPublisher, presenceView, registry)
 *         .defaultPolicy(SendPolicy.sendAnyway())
 *         .policy("billing-service", SendPolicy.failFast())
 *         .build();
 * }</pre>
 */
public final class PresenceAwarePublisher implements Publisher {

    /** The {@code path} tag of a send whose target was online. */
    public static final String PATH_ONLINE = "online";

    private final Publisher delegate;
    private final PresenceView view;
    private final SendPolicy defaultPolicy;
    private final Map<String, SendPolicy> policies;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private PresenceAwarePublisher(Builder b) {
        this.delegate = b.delegate;
        this.view = b.view;
        this.defaultPolicy = b.defaultPolicy;
        this.policies = Map.copyOf(b.policies);
        this.registry = b.registry;
    }

    public static Builder builder(Publisher delegate, PresenceView view, MeterRegistry registry) {
        return new Builder(delegate, view, registry);
    }

    /** The policy applied when {@code target} is offline. */
    public SendPolicy policyFor(String target) {
        return policies.getOrDefault(target, defaultPolicy);
    }

    @Override
    public <T extends SpecificRecord> CompletableFuture<PublishResult> publish(String topic, Message<T> message) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(message, "message");
        if (message.target().isEmpty()) {
            return delegate.publish(topic, message);
        }
        String target = message.target().get();
        if (view.isOnline(target)) {
            count(target, PATH_ONLINE);
            return delegate.publish(topic, message);
        }
        SendPolicy policy = policyFor(target);
        count(target, policy.path());
        if (policy instanceof SendPolicy.FailFast) {
            return CompletableFuture.failedFuture(new TargetOfflineException(target, topic, message.id()));
        }
        if (policy instanceof SendPolicy.FallbackTopic fallback) {
            return delegate.publish(fallback.topic(), message);
        }
        if (policy instanceof SendPolicy.Fallback fallback) {
            return fallback.handler().handle(topic, message);
        }
        return delegate.publish(topic, message); // SendPolicy.SendAnyway
    }

    private void count(String target, String path) {
        counters.computeIfAbsent(target + '\u0000' + path, k -> Counter.builder("imsg.presence.sends")
                .description("Messages with a target, by the path the send policy chose")
                .tag("target", target)
                .tag("path", path)
                .register(registry)).increment();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Builds a {@link PresenceAwarePublisher}; every setter checks its argument. */
    public static final class Builder {

        private final Publisher delegate;
        private final PresenceView view;
        private final MeterRegistry registry;
        private SendPolicy defaultPolicy = SendPolicy.sendAnyway();
        private final Map<String, SendPolicy> policies = new HashMap<>();

        private Builder(Publisher delegate, PresenceView view, MeterRegistry registry) {
            this.delegate = Objects.requireNonNull(delegate, "delegate publisher must not be null");
            this.view = Objects.requireNonNull(view, "presence view must not be null");
            this.registry = Objects.requireNonNull(registry, "meterRegistry must not be null");
        }

        /** The policy for every target without its own; {@link SendPolicy#sendAnyway()} unless set. */
        public Builder defaultPolicy(SendPolicy policy) {
            this.defaultPolicy = Objects.requireNonNull(policy, "defaultPolicy must not be null");
            return this;
        }

        /** The policy for messages to {@code target}. */
        public Builder policy(String target, SendPolicy policy) {
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("policy target must not be blank");
            }
            policies.put(target, Objects.requireNonNull(policy, "policy for '" + target + "' must not be null"));
            return this;
        }

        public PresenceAwarePublisher build() {
            return new PresenceAwarePublisher(this);
        }
    }
}
