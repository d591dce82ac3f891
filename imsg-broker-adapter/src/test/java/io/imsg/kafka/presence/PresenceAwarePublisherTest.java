package io.imsg.kafka.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Message;
import io.imsg.api.presence.InstancePresence;
import io.imsg.api.presence.PresenceChange;
import io.imsg.api.presence.PresenceView;
import io.imsg.api.presence.SendPolicy;
import io.imsg.api.presence.TargetOfflineException;
import io.imsg.api.spi.PublishResult;
import io.imsg.api.spi.Publisher;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.PresenceStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** What each send policy does when the target is offline, and that the path is counted. */
class PresenceAwarePublisherTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingPublisher sent = new RecordingPublisher();
    private final FixedView view = new FixedView();

    @Test
    void aMessageToAnOnlineTargetIsSentWhateverThePolicy() {
        view.online.add(instance("billing"));
        Publisher publisher = publisher(SendPolicy.failFast());

        publisher.publish("invoices", toBilling()).join();

        assertThat(sent.topics).containsExactly("invoices");
        assertThat(count("billing", "online")).isEqualTo(1.0);
    }

    @Test
    void sendAnywayIsTheDefaultAndSendsToTheOriginalTopic() {
        Publisher publisher = PresenceAwarePublisher.builder(sent, view, registry).build();

        publisher.publish("invoices", toBilling()).join();

        assertThat(sent.topics).containsExactly("invoices");
        assertThat(count("billing", "send_anyway")).isEqualTo(1.0);
    }

    @Test
    void failFastSendsNothingAndFailsWithTargetOffline() {
        Publisher publisher = publisher(SendPolicy.failFast());

        assertThatThrownBy(() -> publisher.publish("invoices", toBilling()).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(TargetOfflineException.class)
                .hasMessageContaining("'billing' has no online instance");
        assertThat(sent.topics).isEmpty();
        assertThat(count("billing", "fail_fast")).isEqualTo(1.0);
    }

    @Test
    void aFallbackTopicReceivesTheMessageInstead() {
        publisher(SendPolicy.fallbackTopic("invoices.offline")).publish("invoices", toBilling()).join();

        assertThat(sent.topics).containsExactly("invoices.offline");
        assertThat(count("billing", "fallback_topic")).isEqualTo(1.0);
    }

    @Test
    void aFallbackHandlerGetsTheMessageAndItsResultIsThePublishResult() {
        List<Message<?>> handed = new ArrayList<>();
        PublishResult viaSms = new PublishResult("sms", 0, 0, "m");
        Publisher publisher = publisher(SendPolicy.fallback((topic, message) -> {
            handed.add(message);
            return CompletableFuture.completedFuture(viaSms);
        }));

        assertThat(publisher.publish("invoices", toBilling()).join()).isSameAs(viaSms);
        assertThat(handed).hasSize(1);
        assertThat(sent.topics).isEmpty();
        assertThat(count("billing", "fallback_handler")).isEqualTo(1.0);
    }

    @Test
    void aPerTargetPolicyOverridesTheDefaultAndUntargetedMessagesAreNotCounted() {
        Publisher publisher = PresenceAwarePublisher.builder(sent, view, registry)
                .defaultPolicy(SendPolicy.failFast()).policy("billing", SendPolicy.sendAnyway()).build();

        publisher.publish("invoices", toBilling()).join();
        publisher.publish("invoices", Message.of(order())).join();

        assertThat(sent.topics).containsExactly("invoices", "invoices");
        assertThat(registry.find("imsg.presence.sends").counters()).hasSize(1);
    }

    @Test
    void builderArgumentsAreChecked() {
        assertThatThrownBy(() -> PresenceAwarePublisher.builder(sent, view, registry).policy("", SendPolicy.failFast()))
                .hasMessage("policy target must not be blank");
        assertThatThrownBy(() -> PresenceAwarePublisher.builder(sent, null, registry))
                .hasMessage("presence view must not be null");
    }

    private Publisher publisher(SendPolicy policy) {
        return PresenceAwarePublisher.builder(sent, view, registry).defaultPolicy(policy).build();
    }

    private double count(String target, String path) {
        return registry.get("imsg.presence.sends").tag("target", target).tag("path", path).counter().count();
    }

    private static Message<OrderPlaced> toBilling() {
        return Message.builder(order()).target("billing").build();
    }

    private static OrderPlaced order() {
        return OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku").setQuantity(1).build();
    }

    private static InstancePresence instance(String service) {
        return new InstancePresence(service, service + "-1", PresenceStatus.ONLINE, Set.of(), Instant.now(), "dev");
    }

    private static final class RecordingPublisher implements Publisher {
        final List<String> topics = new ArrayList<>();

        @Override
        public <T extends SpecificRecord> CompletableFuture<PublishResult> publish(String topic, Message<T> message) {
            topics.add(topic);
            return CompletableFuture.completedFuture(new PublishResult(topic, 0, topics.size(), message.id()));
        }

        @Override
        public void close() {}
    }

    private static final class FixedView implements PresenceView {
        final List<InstancePresence> online = new ArrayList<>();

        @Override
        public List<InstancePresence> instances() {
            return online;
        }

        @Override
        public List<InstancePresence> online(String service) {
            return online.stream().filter(p -> p.service().equals(service)).toList();
        }

        @Override
        public List<InstancePresence> onlineFor(String type) {
            return List.of();
        }

        @Override
        public AutoCloseable subscribe(Consumer<PresenceChange> listener) {
            return () -> { };
        }
    }
}
