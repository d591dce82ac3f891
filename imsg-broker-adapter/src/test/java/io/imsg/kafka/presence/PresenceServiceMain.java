package io.imsg.kafka.presence;

import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.Router;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * A service for {@link PresenceIT}, run in a child JVM so it can be killed: it handles
 * {@code OrderPlaced} on a topic, announces its presence, and closes cleanly on SIGTERM.
 *
 * <p>Arguments: bootstrap servers, service, instance, presence topic, interval ms, deadline ms,
 * routed topic.
 */
public final class PresenceServiceMain {

    private PresenceServiceMain() {}

    public static void main(String[] args) throws InterruptedException {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers(args[0]).service(args[1]).instance(args[2])
                .build();
        PresenceSettings presence = PresenceSettings.ofDefaults().withTopic(args[3])
                .withTiming(Duration.ofMillis(Long.parseLong(args[4])), Duration.ofMillis(Long.parseLong(args[5])));
        Router router = Router.builder().route(args[6], OrderPlaced.class, (message, context) -> { }).build();
        KafkaMessaging messaging = KafkaMessaging.builder(kafka)
                .routes(router, SubscriberSettings.builder(args[1]).build())
                .presence(presence)
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(messaging::close, "presence-service-shutdown"));
        messaging.start();
        System.out.println("PRESENCE-SERVICE-STARTED " + System.currentTimeMillis());
        Thread.sleep(Long.MAX_VALUE);
    }
}
