package io.imsg.examples.orders.order;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.imsg.examples.orders.Heartbeats;
import io.imsg.examples.orders.InventoryRejected;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.examples.orders.OrderTopics;
import io.imsg.guice.ImsgBindings;
import io.imsg.guice.ImsgModule;
import io.imsg.guice.ImsgService;
import io.imsg.handler.RouteSpec;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;
import io.imsg.kafka.presence.PresenceSettings;
import io.imsg.kafka.receipts.ReplySettings;
import io.imsg.kafka.receipts.Requester;
import io.imsg.schema.ReceiptStatus;

/**
 * The order service: places orders through {@link OrderDesk} and consumes the inventory's answers
 * on {@value OrderTopics#INVENTORY_EVENTS} into its {@link OrderBook}, as consumer group
 * {@value #SERVICE}.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new OrderModule("localhost:9092"));
 * try (ImsgService orders = injector.getInstance(ImsgService.class)) {
 *     orders.start();
 *     injector.getInstance(OrderDesk.class).place(new OrderPlaced("o-1", "SKU-01", 2, true));
 * }
 * }</pre>
 */
public final class OrderModule extends AbstractModule {

    /** The service name, which is also its consumer group. */
    public static final String SERVICE = "order-service";

    private final String bootstrapServers;
    private final OrderJournal journal;

    /** The order service, keeping its {@link OrderBook} in memory only. */
    public OrderModule(String bootstrapServers) {
        this(bootstrapServers, OrderJournal.none());
    }

    /** The order service, also writing its {@link OrderBook} to {@code journal}. */
    public OrderModule(String bootstrapServers, OrderJournal journal) {
        this.bootstrapServers = bootstrapServers;
        this.journal = journal;
    }

    @Override
    protected void configure() {
        install(new ImsgModule());
        bind(KafkaSettings.class).toInstance(KafkaSettings.builder()
                .bootstrapServers(bootstrapServers).service(SERVICE).build());
        bind(SubscriberSettings.class).toInstance(SubscriberSettings.builder(SERVICE).build());
        bind(OrderJournal.class).toInstance(journal);
        bind(OrderBook.class).in(Scopes.SINGLETON);
        bind(PresenceSettings.class).toInstance(Heartbeats.settings());
        bind(ReplySettings.class).toInstance(ReplySettings.ofDefaults()); // receipts come back on _imsg.replies.order-service
        bind(LatencyByPriority.class).in(Scopes.SINGLETON);
        ImsgBindings.publishes(binder(), OrderPlaced.class);
    }

    /** Whether a service is online, from the presence view; unknown (before the view started) counts as online. */
    @Provides
    RecipientPresence recipientPresence(ImsgService service) {
        return recipient -> service.messaging().presence().map(view -> view.isOnline(recipient)).orElse(true);
    }

    @Provides
    Requester requester(ImsgService service) {
        return service.messaging().requester();
    }

    /** Orders go out asking for receipts: PROCESSED when the inventory answered, DEAD_LETTERED if it could not. */
    @Provides
    OrderSender orderSender(Requester requester) {
        return (topic, order) -> requester.send(topic, order, ReceiptStatus.PROCESSED, ReceiptStatus.DEAD_LETTERED);
    }

    @ProvidesIntoSet
    RouteSpec<?> reserved(OrderReplies replies) {
        return RouteSpec.of(OrderTopics.INVENTORY_EVENTS, InventoryReserved.class, replies::reserved)
                .named("order-reserved");
    }

    @ProvidesIntoSet
    RouteSpec<?> rejected(OrderReplies replies) {
        return RouteSpec.of(OrderTopics.INVENTORY_EVENTS, InventoryRejected.class, replies::rejected)
                .named("order-rejected");
    }
}
