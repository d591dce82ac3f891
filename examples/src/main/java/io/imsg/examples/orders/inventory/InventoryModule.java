package io.imsg.examples.orders.inventory;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.imsg.examples.orders.InventoryRejected;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.examples.orders.OrderTopics;
import io.imsg.guice.ImsgBindings;
import io.imsg.guice.ImsgModule;
import io.imsg.handler.RouteSpec;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;

/**
 * The inventory service: consumes {@value OrderTopics#ORDERS} with {@link ReserveStock} against a
 * {@link Catalog}, as consumer group {@value #SERVICE}.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new InventoryModule("localhost:9092", catalog));
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
    private final Catalog catalog;

    public InventoryModule(String bootstrapServers, Catalog catalog) {
        this.bootstrapServers = bootstrapServers;
        this.catalog = catalog;
    }

    @Override
    protected void configure() {
        install(new ImsgModule());
        bind(KafkaSettings.class).toInstance(KafkaSettings.builder()
                .bootstrapServers(bootstrapServers).service(SERVICE).build());
        bind(SubscriberSettings.class).toInstance(SubscriberSettings.builder(SERVICE).build());
        bind(Catalog.class).toInstance(catalog);
        ImsgBindings.publishes(binder(), InventoryReserved.class, InventoryRejected.class);
    }

    @ProvidesIntoSet
    RouteSpec<?> reserveStock(ReserveStock handler) {
        return RouteSpec.of(OrderTopics.ORDERS, OrderPlaced.class, handler).named("reserve-stock");
    }
}
