package io.imsg.examples.orders.inventory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.imsg.api.Middleware;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.examples.orders.InventoryRejected;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.examples.orders.OrderTopics;
import io.imsg.guice.ImsgBindings;
import io.imsg.guice.ImsgModule;
import io.imsg.handler.RouteSpec;
import io.imsg.handler.retry.RetryMiddleware;
import io.imsg.handler.retry.RetryPolicy;
import io.imsg.examples.orders.Heartbeats;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.presence.PresenceSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The inventory service: consumes {@value OrderTopics#ORDERS} with {@link ReserveStock} against a
 * {@link StockDatabase}, as consumer group {@value #SERVICE}, retrying database failures in process.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new InventoryModule(servers, database, 0));
 * try (ImsgService inventory = injector.getInstance(ImsgService.class)) {
 *     inventory.start();
 *     ...
 * }
 * }</pre>
 */
public final class InventoryModule extends AbstractModule {

    /** The service name, which is also its consumer group. */
    public static final String SERVICE = "inventory-service";

    private final String bootstrapServers;
    private final StockDatabase database;
    private final int transientFailurePercent;

    /** {@code transientFailurePercent}: see {@link TransientFailures}; 0 in production. */
    public InventoryModule(String bootstrapServers, StockDatabase database, int transientFailurePercent) {
        this.bootstrapServers = bootstrapServers;
        this.database = database;
        this.transientFailurePercent = TransientFailures.requirePercent(transientFailurePercent);
    }

    @Override
    protected void configure() {
        install(new ImsgModule());
        bind(KafkaSettings.class).toInstance(KafkaSettings.builder()
                .bootstrapServers(bootstrapServers).service(SERVICE)
                // Static membership: a restarted instance takes its partitions back at once, instead
                // of waiting for the crashed one's session to time out.
                .clientProperty("group.instance.id", SERVICE + "-1")
                .clientProperty("session.timeout.ms", "10000")
                .build());
        bind(SubscriberSettings.class).toInstance(SubscriberSettings.builder(SERVICE).build());
        bind(PresenceSettings.class).toInstance(Heartbeats.settings());
        bind(StockDatabase.class).toInstance(database);
        ImsgBindings.publishes(binder(), InventoryReserved.class, InventoryRejected.class);
    }

    @ProvidesIntoSet
    RouteSpec<?> reserveStock(ReserveStock handler) {
        return RouteSpec.of(OrderTopics.ORDERS, OrderPlaced.class, handler).named("reserve-stock");
    }

    /** A few quick attempts for a busy or failing database, each in its own transaction. */
    @ProvidesIntoSet
    Middleware retry(FailureClassifier classifier) {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(20)).build();
        return RetryMiddleware.builder(policy).classifier(classifier).build();
    }

    @Provides
    @Singleton
    TransientFailures transientFailures(MeterRegistry registry) {
        return new TransientFailures(transientFailurePercent, registry);
    }
}
