package io.imsg.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.imsg.api.Middleware;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.api.metrics.MeterNames;
import io.imsg.api.spi.EnvelopeCodec;
import io.imsg.api.spi.Publisher;
import io.imsg.api.spi.RouteTable;
import io.imsg.handler.RouteSpec;
import io.imsg.handler.Router;
import io.imsg.handler.metrics.MetricsMiddleware;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaTopicSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.presence.PresenceSettings;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.kafka.receipts.ReplySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Wires one iMSG service around a {@link KafkaMessaging} endpoint, and the {@link ImsgService}
 * that starts and stops it. {@code configure()} only declares bindings: no I/O, no static state.
 * Creating the injector, in any {@link com.google.inject.Stage}, builds the router and checks the
 * settings but creates no Kafka client; the first one is created when something asks for the
 * {@link Publisher}, the {@link EnvelopeCodec} or the {@link KafkaMessaging}, or by
 * {@link ImsgService#start()}.
 *
 * <p><b>You bind</b> {@link KafkaSettings} (where the cluster is, who this service is) and, for a
 * service with routes, {@link SubscriberSettings} (its consumer group), each with a plain
 * {@code bind(...)}. A missing one fails injector creation with an error that names it and says how
 * to bind it; so do bad routes. Routes, middleware and published types come from any module
 * through {@link ImsgBindings}.
 *
 * <p><b>Defaults you may override</b> with {@code OptionalBinder.newOptionalBinder(binder(),
 * X.class).setBinding()}: {@link MeterRegistry} (a {@link SimpleMeterRegistry}),
 * {@link FailureClassifier#defaults()}, {@link PublisherSettings#ofDefaults()},
 * {@link DecodingLimits#ofDefaults()}, {@link SchemaTopicSettings#ofDefaults()} and
 * {@link MeterNames#defaults()} (used by the metrics middleware and the endpoint alike).
 *
 * <p><b>Provided</b>, one of each per injector: {@link Router} (also as {@link RouteTable}; only
 * for a service with routes), {@link KafkaMessaging}, {@link Publisher}, {@link EnvelopeCodec} and
 * {@link ImsgService}. The router's middleware is iMSG's {@link MetricsMiddleware}, outermost, then
 * the bound {@link Middleware} in set order (see {@link ImsgBindings} on ordering). The endpoint
 * decodes every routed payload type and publishes the schemas of those and of the
 * {@link PublishedTypes}.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new ImsgModule(), new AbstractModule() {
 *     protected void configure() {
 *         bind(KafkaSettings.class).toInstance(KafkaSettings.builder()
 *                 .bootstrapServers("localhost:9092").service("inventory-service").build());
 *         bind(SubscriberSettings.class).toInstance(SubscriberSettings.builder("inventory-service").build());
 *         ImsgBindings.addRoute(binder(), RouteSpec.of("orders", OrderPlaced.class, reserveStock));
 *         ImsgBindings.publishes(binder(), InventoryReserved.class);
 *     }
 * });
 * try (ImsgService service = injector.getInstance(ImsgService.class)) {
 *     service.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>Installing this module more than once is harmless: all instances are equal.
 */
public final class ImsgModule extends AbstractModule {

    @Override
    protected void configure() {
        // Required, yet declared optional: MessagingConfig then reports a missing one by saying what
        // to bind, where Guice would say that KafkaSettings "does not have an injectable constructor".
        OptionalBinder.newOptionalBinder(binder(), KafkaSettings.class);
        OptionalBinder.newOptionalBinder(binder(), SubscriberSettings.class);
        // Off unless the service binds them: heartbeats and the presence view, receipts and replies.
        OptionalBinder.newOptionalBinder(binder(), PresenceSettings.class);
        OptionalBinder.newOptionalBinder(binder(), ReplySettings.class);
        // Declared here so that a service contributing none of them still gets empty sets.
        ImsgBindings.routes(binder());
        ImsgBindings.middleware(binder());
        ImsgBindings.publishedTypes(binder());

        OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class)
                .setDefault().to(SimpleMeterRegistry.class).in(Scopes.SINGLETON);
        OptionalBinder.newOptionalBinder(binder(), FailureClassifier.class)
                .setDefault().toInstance(FailureClassifier.defaults());
        OptionalBinder.newOptionalBinder(binder(), PublisherSettings.class)
                .setDefault().toInstance(PublisherSettings.ofDefaults());
        OptionalBinder.newOptionalBinder(binder(), DecodingLimits.class)
                .setDefault().toInstance(DecodingLimits.ofDefaults());
        OptionalBinder.newOptionalBinder(binder(), SchemaTopicSettings.class)
                .setDefault().toInstance(SchemaTopicSettings.ofDefaults());
        OptionalBinder.newOptionalBinder(binder(), MeterNames.class)
                .setDefault().toInstance(MeterNames.defaults());

        // Eager in every stage, so that the checks in MessagingConfig run when the injector is created.
        bind(ImsgService.class).asEagerSingleton();
        bind(RouteTable.class).to(Router.class);
    }

    @Provides
    @Singleton
    MessagingConfig config(Optional<KafkaSettings> kafka, Optional<SubscriberSettings> subscription,
            Set<RouteSpec<?>> routes, Set<Middleware> middleware,
            @PublishedTypes Set<Class<? extends SpecificRecord>> published, PublisherSettings publishing,
            DecodingLimits limits, SchemaTopicSettings schemaTopic, FailureClassifier classifier,
            MeterRegistry registry, MeterNames meterNames, Optional<PresenceSettings> presence,
            Optional<ReplySettings> replies) {
        KafkaSettings settings = MessagingConfig.required(kafka, KafkaSettings.class,
                "KafkaSettings.builder().bootstrapServers(...).service(...)");
        Optional<Router> router = routes.isEmpty() ? Optional.empty()
                : Optional.of(buildRouter(routes, middleware, registry, meterNames));
        return new MessagingConfig(settings, router, subscription, published, publishing, limits, schemaTopic,
                classifier, registry, meterNames, new PeerSettings(presence, replies));
    }

    private static Router buildRouter(Set<RouteSpec<?>> routes, Set<Middleware> middleware, MeterRegistry registry,
            MeterNames meterNames) {
        Router.Builder router = Router.builder().use(MetricsMiddleware.builder(registry).names(meterNames).build());
        middleware.forEach(router::use);
        routes.forEach(router::route);
        return router.build();
    }

    /*
     * The providers below are unscoped but hand out one instance per injector: the router lives in
     * the MessagingConfig singleton, the rest in the ImsgService's endpoint. The endpoint is built
     * on first use, not by a singleton provider, because its idempotent Kafka producer connects as
     * soon as it exists and Stage.PRODUCTION builds every singleton with the injector.
     */

    @Provides
    Router router(MessagingConfig config) {
        return config.requireRouter();
    }

    @Provides
    KafkaMessaging messaging(ImsgService service) {
        return service.messaging();
    }

    @Provides
    Publisher publisher(ImsgService service) {
        return service.messaging().publisher();
    }

    @Provides
    EnvelopeCodec codec(ImsgService service) {
        return service.messaging().codec();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImsgModule;
    }

    @Override
    public int hashCode() {
        return ImsgModule.class.hashCode();
    }
}
