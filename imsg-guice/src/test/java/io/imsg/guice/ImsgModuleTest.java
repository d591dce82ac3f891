package io.imsg.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.imsg.api.Message;
import io.imsg.api.Middleware;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.api.metrics.MeterNames;
import io.imsg.api.spi.RouteTable;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.RouteSpec;
import io.imsg.handler.Router;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaTopicSettings;
import io.imsg.kafka.presence.PresenceSettings;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.kafka.receipts.ReplySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Wiring only: every injector here points at 127.0.0.1:1, where no broker listens. */
class ImsgModuleTest {

    static final RouteSpec<OrderPlaced> ORDERS = RouteSpec.of("orders", OrderPlaced.class, (m, c) -> { });

    @Test
    void injectorBuildsWithoutABrokerAndCreatesNoKafkaClient() {
        // PRODUCTION builds every singleton while creating the injector: the strictest case.
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new ImsgModule(), TestModules.settings(),
                routes(ORDERS));

        assertThat(injector.getInstance(Router.class).topics()).containsExactly("orders");
        assertThat(injector.getInstance(RouteTable.class)).isSameAs(injector.getInstance(Router.class));
        assertThat(injector.getInstance(ImsgService.class).isRunning()).isFalse();
        assertThat(KafkaThreads.running()).isEmpty();
    }

    @Test
    void presenceAndRepliesAreOffUnlessTheServiceBindsThem() {
        MessagingConfig unbound = Guice.createInjector(new ImsgModule(), TestModules.settings(), routes(ORDERS))
                .getInstance(MessagingConfig.class);
        PresenceSettings presence = PresenceSettings.ofDefaults();
        ReplySettings replies = ReplySettings.ofDefaults();
        MessagingConfig bound = Guice.createInjector(new ImsgModule(), TestModules.settings(), routes(ORDERS),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(PresenceSettings.class).toInstance(presence);
                        bind(ReplySettings.class).toInstance(replies);
                    }
                }).getInstance(MessagingConfig.class);

        assertThat(unbound.peers()).isEqualTo(new PeerSettings(Optional.empty(), Optional.empty()));
        assertThat(bound.peers()).isEqualTo(new PeerSettings(Optional.of(presence), Optional.of(replies)));
    }

    @Test
    void defaultsAreBoundWhenNothingOverridesThem() {
        Injector injector = Guice.createInjector(new ImsgModule(), TestModules.settings(), routes(ORDERS));

        assertThat(injector.getInstance(MeterRegistry.class)).isInstanceOf(SimpleMeterRegistry.class)
                .isSameAs(injector.getInstance(MeterRegistry.class));
        assertThat(injector.getInstance(FailureClassifier.class)).isSameAs(FailureClassifier.defaults());
        assertThat(injector.getInstance(PublisherSettings.class)).isEqualTo(PublisherSettings.ofDefaults());
        assertThat(injector.getInstance(DecodingLimits.class)).isEqualTo(DecodingLimits.ofDefaults());
        assertThat(injector.getInstance(SchemaTopicSettings.class)).isEqualTo(SchemaTopicSettings.ofDefaults());
        assertThat(injector.getInstance(MeterNames.class)).isEqualTo(MeterNames.defaults());
    }

    @Test
    void defaultsAreOverriddenThroughOptionalBinderSetBinding() {
        MeterRegistry registry = new SimpleMeterRegistry();
        FailureClassifier classifier = FailureClassifier.builder().nonRetryable(IllegalStateException.class).build();
        PublisherSettings publishing = PublisherSettings.ofDefaults().withLinger(Duration.ZERO);
        DecodingLimits limits = DecodingLimits.ofDefaults().withMaxDepth(8);
        SchemaTopicSettings schemaTopic = SchemaTopicSettings.ofDefaults().withTopic("_test.schemas");
        MeterNames names = MeterNames.defaults().withHandled("orders.handled");
        Injector injector = Guice.createInjector(new ImsgModule(), TestModules.settings(), routes(ORDERS),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        override(MeterRegistry.class).toInstance(registry);
                        override(FailureClassifier.class).toInstance(classifier);
                        override(PublisherSettings.class).toInstance(publishing);
                        override(DecodingLimits.class).toInstance(limits);
                        override(SchemaTopicSettings.class).toInstance(schemaTopic);
                        override(MeterNames.class).toInstance(names);
                    }

                    private <T> com.google.inject.binder.LinkedBindingBuilder<T> override(Class<T> type) {
                        return OptionalBinder.newOptionalBinder(binder(), type).setBinding();
                    }
                });

        assertThat(injector.getInstance(MeterRegistry.class)).isSameAs(registry);
        assertThat(injector.getInstance(FailureClassifier.class)).isSameAs(classifier);
        assertThat(injector.getInstance(PublisherSettings.class)).isSameAs(publishing);
        assertThat(injector.getInstance(DecodingLimits.class)).isSameAs(limits);
        assertThat(injector.getInstance(MessagingConfig.class))
                .extracting(MessagingConfig::registry, MessagingConfig::classifier, MessagingConfig::publishing,
                        MessagingConfig::limits, MessagingConfig::schemaTopic, MessagingConfig::meterNames)
                .containsExactly(registry, classifier, publishing, limits, schemaTopic, names);
    }

    @Test
    void boundMeterNamesRenameTheRoutersMetrics() throws Exception {
        Injector injector = Guice.createInjector(new ImsgModule(), TestModules.settings(), routes(ORDERS),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        OptionalBinder.newOptionalBinder(binder(), MeterNames.class).setBinding()
                                .toInstance(MeterNames.defaults().withHandled("orders.handled"));
                    }
                });
        RouteTable.Route route = injector.getInstance(Router.class)
                .find("orders", OrderPlaced.getClassSchema().getFullName()).orElseThrow();

        route.handler().handle(erased(Message.of(new OrderPlaced("o-1", "sku-1", 1, false))),
                new RecordingContext(route.info()));

        MeterRegistry registry = injector.getInstance(MeterRegistry.class);
        assertThat(registry.get("orders.handled").tag("outcome", "success").counter().count()).isEqualTo(1);
        assertThat(registry.find("imsg.messages.handled").counters()).isEmpty();
    }

    @Test
    void missingKafkaSettingsFailsInjectorCreationWithAnErrorSayingWhatToBind() {
        assertThatThrownBy(() -> Guice.createInjector(new ImsgModule(), TestModules.subscriberSettingsOnly(),
                routes(ORDERS)))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("ImsgModule needs a KafkaSettings binding")
                .hasMessageContaining("bind(KafkaSettings.class)");
    }

    @Test
    void aPublishedTypeThatIsNotGeneratedFailsInjectorCreationNamingTheClass() {
        assertThatThrownBy(() -> Guice.createInjector(new ImsgModule(), TestModules.kafkaSettingsOnly(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        ImsgBindings.publishes(binder(), SpecificRecord.class);
                    }
                }))
                .isInstanceOf(CreationException.class)
                // Guice shortens class names in its message and lists the full ones in a legend.
                .hasMessageContaining("payloadType SpecificRecord is not an Avro-generated record class")
                .hasMessageContaining(SpecificRecord.class.getName());
    }

    @Test
    void missingSubscriberSettingsFailsInjectorCreationWhenThereAreRoutes() {
        assertThatThrownBy(() -> Guice.createInjector(new ImsgModule(), TestModules.kafkaSettingsOnly(),
                routes(ORDERS)))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("ImsgModule needs a SubscriberSettings binding to consume its routes [orders]");
    }

    @Test
    void aServiceWithoutRoutesNeedsNoSubscriberSettingsAndHasNoRouter() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new ImsgModule(), TestModules.kafkaSettingsOnly());

        assertThatThrownBy(() -> injector.getInstance(Router.class))
                .isInstanceOf(ProvisionException.class)
                .hasMessageContaining("this service has no routes");
    }

    @Test
    void badRoutesFailInjectorCreationWithTheRoutersReason() {
        RouteSpec<OrderPlaced> sameTopicAndType = RouteSpec.of("orders", OrderPlaced.class, (m, c) -> { })
                .named("another");

        assertThatThrownBy(() -> Guice.createInjector(new ImsgModule(), TestModules.settings(),
                routes(ORDERS, sameTopicAndType)))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("routes 'orders:OrderPlaced' and 'another' both handle");
    }

    @Test
    void routesContributedByTwoModulesBothEndUpInTheRouter() {
        AbstractModule inventory = new AbstractModule() {
            @Override
            protected void configure() {
                install(new ImsgModule());
                ImsgBindings.addRoute(binder(), ORDERS);
            }
        };
        AbstractModule replies = new AbstractModule() {
            @ProvidesIntoSet
            RouteSpec<?> reserved() {
                return RouteSpec.of("inventory-events", InventoryReserved.class, (m, c) -> { });
            }
        };

        Router router = Guice.createInjector(inventory, replies, TestModules.settings()).getInstance(Router.class);

        assertThat(router.routes()).extracting(route -> route.info().name())
                .containsExactlyInAnyOrder("orders:OrderPlaced", "inventory-events:InventoryReserved");
    }

    @Test
    void boundMiddlewareRunsInBindingOrderInsideTheMetricsMiddleware() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        Injector injector = Guice.createInjector(new ImsgModule(), TestModules.settings(), routes(ORDERS),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        ImsgBindings.addMiddleware(binder(), recording("first", calls));
                        ImsgBindings.addMiddleware(binder(), recording("second", calls));
                    }
                });
        RouteTable.Route route = injector.getInstance(Router.class)
                .find("orders", OrderPlaced.getClassSchema().getFullName()).orElseThrow();

        route.handler().handle(erased(Message.of(new OrderPlaced("o-1", "sku-1", 1, false))),
                new RecordingContext(route.info()));

        assertThat(calls).containsExactly("first", "second");
        assertThat(injector.getInstance(MeterRegistry.class).get("imsg.messages.handled")
                .tag("outcome", "success").counter().count()).isEqualTo(1);
    }

    @Test
    void installingTheModuleTwiceIsHarmless() {
        Injector injector = Guice.createInjector(new ImsgModule(), new ImsgModule(), TestModules.settings(),
                routes(ORDERS));

        assertThat(injector.getInstance(Router.class).routes()).hasSize(1);
    }

    static AbstractModule routes(RouteSpec<?>... specs) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                for (RouteSpec<?> spec : specs) {
                    ImsgBindings.addRoute(binder(), spec);
                }
            }
        };
    }

    private static Middleware recording(String name, List<String> calls) {
        return (route, next) -> (message, context) -> {
            calls.add(name);
            next.handle(message, context);
        };
    }

    @SuppressWarnings("unchecked")
    private static Message<SpecificRecord> erased(Message<? extends SpecificRecord> message) {
        return (Message<SpecificRecord>) message;
    }
}
