package io.imsg.kafka;

import io.imsg.api.Messages;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.api.presence.PresenceView;
import io.imsg.api.presence.SendPolicy;
import io.imsg.api.metrics.MeterNames;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.Publisher;
import io.imsg.api.spi.RouteTable;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.KafkaSchemaTopic;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.codec.SchemaTopicSettings;
import io.imsg.kafka.consume.KafkaSubscriber;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.consume.internal.SubscriberChecks;
import io.imsg.kafka.internal.ClientConfigs;
import io.imsg.kafka.presence.PresenceSettings;
import io.imsg.kafka.presence.internal.LocalPresence;
import io.imsg.kafka.presence.internal.PresenceRuntime;
import io.imsg.kafka.presence.internal.SendPolicies;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.kafka.receipts.DeadLetterReceipts;
import io.imsg.kafka.receipts.ReceiptMiddleware;
import io.imsg.kafka.receipts.ReceiptRoutes;
import io.imsg.kafka.receipts.ReplySettings;
import io.imsg.kafka.receipts.Requester;
import io.imsg.schema.Presence;
import io.imsg.schema.Receipt;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * One service's iMSG endpoint on Kafka: the schema topic, a publisher and, when the service has
 * routes, a subscriber. {@link Builder#build()} creates the Kafka clients (the producer starts
 * connecting in the background, as Kafka producers do) but sends nothing; {@link #start()}
 * publishes the service's schemas, loads its peers', and starts consuming; {@link #close()} undoes
 * it in reverse.
 *
 * <pre>{@code
 * try (KafkaMessaging messaging = KafkaMessaging.builder(kafka)
 *         .routes(router, SubscriberSettings.builder("inventory-service").build())
 *         .publishes(InventoryReserved.class, InventoryRejected.class)
 *         .meterRegistry(registry)
 *         .build()) {
 *     messaging.start();
 *     messaging.publisher().publish("orders", Message.of(order));
 * }
 * }</pre>
 */
public final class KafkaMessaging implements AutoCloseable {

    private final EnvelopeCodec codec;
    private final Publisher sendingPublisher;
    private final KafkaSubscriber subscriber;
    private final PresenceRuntime presence;
    private final Requester requester;
    private final EndpointLifecycle lifecycle;

    private KafkaMessaging(Builder b) {
        Set<Class<? extends SpecificRecord>> types = new LinkedHashSet<>(b.publishedTypes);
        if (b.routes != null) {
            types.addAll(b.routes.payloadTypes());
        }
        types.add(Receipt.class); // any service may be asked for receipts
        if (b.presence != null) {
            types.add(Presence.class);
        }
        Set<Class<? extends SpecificRecord>> spokenTypes = Set.copyOf(types);
        SchemaRegistry schemas = SchemaRegistry.create();
        KafkaSchemaTopic schemaTopic = KafkaSchemaTopic.create(ClientConfigs.withPassThrough(b.kafka, "schemas"),
                schemas, b.schemaTopic);
        this.codec = AvroEnvelopeCodec.builder(schemas).payloadTypes(spokenTypes).limits(b.limits)
                .catchUp(schemaTopic).build();
        LocalPresence local = new LocalPresence(b.kafka.identity(), b.presence != null);
        KafkaPublisher publisher = KafkaPublisher.create(b.kafka, b.publisherSettings, codec, b.registry, local,
                b.meterNames);
        this.presence = b.presence == null ? null
                : new PresenceRuntime(b.kafka, b.presence, codec, publisher, local, b.routes);
        this.sendingPublisher = presence == null ? publisher : b.sendPolicies.publisher(publisher, presence.view(),
                b.registry);
        this.requester = b.replies == null ? null : new Requester(b.kafka, b.replies, codec, publisher);
        this.subscriber = b.routes == null ? null
                : KafkaSubscriber.builder(b.kafka, b.subscriberSettings)
                        .routes(new ReceiptRoutes(b.routes, ReceiptMiddleware.create(publisher))).codec(codec)
                        .publisher(publisher).meterRegistry(b.registry).meterNames(b.meterNames)
                        .classifier(b.classifier).deadLetterListener(DeadLetterReceipts.create(publisher)).build();
        this.lifecycle = new EndpointLifecycle(spokenTypes, schemaTopic, publisher, requester, subscriber, presence);
    }

    public static Builder builder(KafkaSettings kafka) {
        return new Builder(kafka);
    }

    /**
     * Publishes this service's schemas (after the compatibility check against what the schema
     * topic holds), starts following the topic for peers' new versions, then starts consuming.
     *
     * @throws io.imsg.kafka.codec.IncompatibleSchemaException when a schema breaks compatibility
     */
    public void start() {
        lifecycle.start();
    }

    /**
     * The publisher for application messages. With presence enabled, a message whose target has no
     * online instance goes the way its {@link SendPolicy} says.
     */
    public Publisher publisher() {
        return sendingPublisher;
    }

    /** Who is online, when presence is enabled ({@link Builder#presence}). */
    public Optional<PresenceView> presence() {
        return presence == null ? Optional.empty() : Optional.of(presence.view());
    }

    /**
     * Receipts and request/reply.
     *
     * @throws IllegalStateException when replies were not enabled ({@link Builder#replies})
     */
    public Requester requester() {
        if (requester == null) {
            throw new IllegalStateException("replies are not enabled; call KafkaMessaging.Builder.replies(...)");
        }
        return requester;
    }

    public EnvelopeCodec codec() {
        return codec;
    }

    /** The subscriber, when this service has routes. */
    public Optional<KafkaSubscriber> subscriber() {
        return Optional.ofNullable(subscriber);
    }

    @Override
    public void close() {
        lifecycle.close();
    }

    public static final class Builder {

        private final KafkaSettings kafka;
        private RouteTable routes;
        private SubscriberSettings subscriberSettings;
        private final Set<Class<? extends SpecificRecord>> publishedTypes = new LinkedHashSet<>();
        private PublisherSettings publisherSettings = PublisherSettings.ofDefaults();
        private DecodingLimits limits = DecodingLimits.ofDefaults();
        private SchemaTopicSettings schemaTopic = SchemaTopicSettings.ofDefaults();
        private FailureClassifier classifier = FailureClassifier.defaults();
        private MeterRegistry registry;
        private PresenceSettings presence;
        private ReplySettings replies;
        private final SendPolicies sendPolicies = new SendPolicies();
        private MeterNames meterNames = MeterNames.defaults();

        private Builder(KafkaSettings kafka) {
            this.kafka = Objects.requireNonNull(kafka, "kafka settings are required");
        }

        /** Consume the routes' topics as the given consumer group. */
        public Builder routes(RouteTable routes, SubscriberSettings settings) {
            this.routes = Objects.requireNonNull(routes, "routes");
            this.subscriberSettings = Objects.requireNonNull(settings, "subscriber settings");
            return this;
        }

        /** Payload types this service sends; their schemas go to the schema topic at start-up. */
        @SafeVarargs
        public final Builder publishes(Class<? extends SpecificRecord>... types) {
            return publishes(Arrays.asList(types));
        }

        /** Payload types of the replies this service's requests get, so they can be decoded. */
        @SafeVarargs
        public final Builder replyTypes(Class<? extends SpecificRecord>... types) {
            return publishes(types);
        }

        public Builder publishes(Iterable<Class<? extends SpecificRecord>> types) {
            // Checked here, not as Avro's "Not a Specific class" when the schemas are published at build;
            // all first, so a rejected one leaves the builder as it was.
            List<Class<? extends SpecificRecord>> checked = new ArrayList<>();
            types.forEach(type -> {
                Messages.schemaOf(type);
                checked.add(type);
            });
            publishedTypes.addAll(checked);
            return this;
        }

        public Builder publisherSettings(PublisherSettings settings) {
            this.publisherSettings = Objects.requireNonNull(settings, "publisherSettings");
            return this;
        }

        public Builder decodingLimits(DecodingLimits limits) {
            this.limits = Objects.requireNonNull(limits, "decodingLimits");
            return this;
        }

        public Builder schemaTopic(SchemaTopicSettings settings) {
            this.schemaTopic = Objects.requireNonNull(settings, "schemaTopic");
            return this;
        }

        public Builder classifier(FailureClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /** Publishes this instance's presence and follows its peers'; off unless set. */
        public Builder presence(PresenceSettings settings) {
            this.presence = Objects.requireNonNull(settings, "presence");
            return this;
        }

        /** What {@link #publisher()} does when a message's target is offline; needs presence. */
        public Builder sendPolicy(SendPolicy policy) {
            sendPolicies.defaultPolicy(Objects.requireNonNull(policy, "sendPolicy"));
            return this;
        }

        /** The send policy for messages to {@code target}; needs presence. */
        public Builder sendPolicy(String target, SendPolicy policy) {
            sendPolicies.policy(Checks.nonBlank(target, "sendPolicy target"),
                    Objects.requireNonNull(policy, "sendPolicy for '" + target + "'"));
            return this;
        }

        /** Reads this service's reply topic, for receipts and request/reply; off unless set. */
        public Builder replies(ReplySettings settings) {
            this.replies = Objects.requireNonNull(settings, "replies");
            return this;
        }

        /** Required: iMSG never falls back to a global registry. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /**
         * The publisher's and consumer's meter names; defaults to {@link MeterNames#defaults()}.
         * Give {@code MetricsMiddleware} the same value, so that all outcomes share one counter.
         */
        public Builder meterNames(MeterNames names) {
            this.meterNames = Objects.requireNonNull(names, "meterNames");
            return this;
        }

        /**
         * Makes every check {@link #build} makes, without creating anything: for tools that must
         * refuse a configuration before they start other work.
         *
         * @throws IllegalArgumentException or IllegalStateException naming the setting
         */
        public void check() {
            Checks.required(registry, "meterRegistry");
            if (presence == null && sendPolicies.isSet()) {
                throw new IllegalStateException("sendPolicy needs presence; call presence(PresenceSettings) too");
            }
            ClientConfigs.checkProducer(kafka, publisherSettings);
            if (routes != null) {
                SubscriberChecks.check(kafka, subscriberSettings, routes);
            }
        }

        public KafkaMessaging build() {
            check(); // before any client exists: the constructor would leave clients open on a late failure
            return new KafkaMessaging(this);
        }
    }
}
