package io.imsg.guice;

import io.imsg.api.failure.FailureClassifier;
import io.imsg.api.metrics.MeterNames;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaTopicSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.publish.PublisherSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything one service's {@link KafkaMessaging} is built from, gathered from the injector and
 * checked once, when the injector is created. Building the router is part of it, so bad routes and
 * missing settings fail early; building the messaging endpoint is not, since its Kafka producer
 * starts connecting as soon as it exists.
 */
record MessagingConfig(KafkaSettings kafka, Optional<Router> router, Optional<SubscriberSettings> subscription,
        Set<Class<? extends SpecificRecord>> publishedTypes, PublisherSettings publishing, DecodingLimits limits,
        SchemaTopicSettings schemaTopic, FailureClassifier classifier, MeterRegistry registry, MeterNames meterNames,
        PeerSettings peers) {

    MessagingConfig {
        if (router.isPresent() && subscription.isEmpty()) {
            throw new IllegalStateException(missing(SubscriberSettings.class, "SubscriberSettings.builder(groupId)",
                    " to consume its routes " + router.get().topics()));
        }
        publishedTypes = Set.copyOf(publishedTypes);
    }

    /** The setting, or an error that says what to bind. */
    static <T> T required(Optional<T> setting, Class<T> type, String builder) {
        return setting.orElseThrow(() -> new IllegalStateException(missing(type, builder, "")));
    }

    Router requireRouter() {
        return router.orElseThrow(() -> new IllegalStateException("this service has no routes, so it has no Router;"
                + " add routes with ImsgBindings.addRoute or @ProvidesIntoSet RouteSpec<?>"));
    }

    /** A new, unstarted endpoint: wiring only, but its producer connects in the background at once. */
    KafkaMessaging build() {
        KafkaMessaging.Builder messaging = KafkaMessaging.builder(kafka)
                .publishes(publishedTypes)
                .publisherSettings(publishing)
                .decodingLimits(limits)
                .schemaTopic(schemaTopic)
                .classifier(classifier)
                .meterRegistry(registry)
                .meterNames(meterNames);
        router.ifPresent(routes -> messaging.routes(routes, subscription.orElseThrow()));
        peers.applyTo(messaging);
        return messaging.build();
    }

    private static String missing(Class<?> type, String builder, String purpose) {
        return "ImsgModule needs a " + type.getSimpleName() + " binding" + purpose + "; add bind("
                + type.getSimpleName() + ".class).toInstance(" + builder + ".build()) to the service's module";
    }
}
