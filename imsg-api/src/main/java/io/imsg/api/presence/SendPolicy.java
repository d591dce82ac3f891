package io.imsg.api.presence;

import io.imsg.api.TopicNames;
import java.util.Objects;

/**
 * What a presence-aware publisher does with a message whose {@code target} service has no ONLINE
 * instance. A message without a target, or whose target is online, is always sent as usual.
 *
 * <pre>{@code
 * SendPolicy.sendAnyway()                      // the default: Kafka keeps it until the target is back
 * SendPolicy.failFast()                        // the publish future fails with TargetOfflineException
 * SendPolicy.fallbackTopic("orders.offline")   // sent to another topic instead
 * SendPolicy.fallback((topic, message) -> sms.send(message))
 * }</pre>
 */
public sealed interface SendPolicy {

    /** The name used for this policy's path in metrics. */
    String path();

    static SendPolicy sendAnyway() {
        return SendAnyway.INSTANCE;
    }

    static SendPolicy failFast() {
        return FailFast.INSTANCE;
    }

    static SendPolicy fallbackTopic(String topic) {
        return new FallbackTopic(topic);
    }

    static SendPolicy fallback(OfflineFallback handler) {
        return new Fallback(handler);
    }

    /** Send to the original topic; Kafka keeps the message until the target consumes it. */
    enum SendAnyway implements SendPolicy {
        INSTANCE;

        @Override
        public String path() {
            return "send_anyway";
        }
    }

    /** Do not send; fail with {@link TargetOfflineException}. */
    enum FailFast implements SendPolicy {
        INSTANCE;

        @Override
        public String path() {
            return "fail_fast";
        }
    }

    /** Send to {@code topic} instead of the original topic. */
    record FallbackTopic(String topic) implements SendPolicy {
        public FallbackTopic {
            TopicNames.requireLegal(topic, "fallback topic");
        }

        @Override
        public String path() {
            return "fallback_topic";
        }
    }

    /** Hand the message to {@code handler} instead of sending it. */
    record Fallback(OfflineFallback handler) implements SendPolicy {
        public Fallback {
            Objects.requireNonNull(handler, "fallback handler must not be null");
        }

        @Override
        public String path() {
            return "fallback_handler";
        }
    }
}
