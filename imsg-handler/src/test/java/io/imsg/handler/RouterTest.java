package io.imsg.handler;

import static io.imsg.handler.testing.TestMessages.erased;
import static io.imsg.handler.testing.TestMessages.erasedOrder;
import static io.imsg.handler.testing.TestMessages.inventoryReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Handler;
import io.imsg.api.Message;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.api.spi.RouteTable.Route;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final String ORDER_TYPE = "io.imsg.examples.orders.OrderPlaced";
    private static final String RESERVED_TYPE = "io.imsg.examples.orders.InventoryReserved";

    private final Handler<OrderPlaced> ignoreOrder = (message, context) -> {};
    private final Handler<InventoryReserved> ignoreReserved = (message, context) -> {};

    @Test
    void findReturnsTheRouteForTopicAndAvroFullName() {
        Router router = Router.builder()
                .route("orders", OrderPlaced.class, ignoreOrder)
                .route("inventory", InventoryReserved.class, ignoreReserved)
                .build();

        Route route = router.find("orders", ORDER_TYPE).orElseThrow();

        assertThat(route.info().topic()).isEqualTo("orders");
        assertThat(route.info().payloadType()).isEqualTo(OrderPlaced.class);
        assertThat(router.find("inventory", RESERVED_TYPE).orElseThrow().info().payloadType())
                .isEqualTo(InventoryReserved.class);
    }

    @Test
    void findIsEmptyForAnUnknownTopicOrType() {
        Router router = Router.builder().route("orders", OrderPlaced.class, ignoreOrder).build();

        assertThat(router.find("payments", ORDER_TYPE)).isEmpty();
        assertThat(router.find("orders", RESERVED_TYPE)).isEmpty();
        assertThat(router.find("orders", "OrderPlaced")).as("simple name is not the type").isEmpty();
    }

    @Test
    void findIsEmptyForANullTopicOrTypeRatherThanThrowing() {
        Router router = Router.builder().route("orders", OrderPlaced.class, ignoreOrder).build();

        assertThat(router.find(null, ORDER_TYPE)).isEmpty();
        assertThat(router.find("orders", null)).isEmpty();
    }

    @Test
    void oneTopicMayCarrySeveralTypesAndOneTypeMayArriveOnSeveralTopics() {
        Router router = Router.builder()
                .route("orders", OrderPlaced.class, ignoreOrder)
                .route("orders", InventoryReserved.class, ignoreReserved)
                .route("orders-replay", OrderPlaced.class, ignoreOrder)
                .build();

        assertThat(router.topics()).containsExactly("orders", "orders-replay");
        assertThat(router.typesOn("orders")).containsExactlyInAnyOrder(ORDER_TYPE, RESERVED_TYPE);
        assertThat(router.typesOn("orders-replay")).containsExactly(ORDER_TYPE);
        assertThat(router.payloadTypes()).containsExactly(OrderPlaced.class, InventoryReserved.class);
        assertThat(router.routes()).extracting(route -> route.info().name())
                .containsExactly("orders:OrderPlaced", "orders:InventoryReserved", "orders-replay:OrderPlaced");
    }

    @Test
    void typesOnAnUnknownOrNullTopicIsEmpty() {
        Router router = Router.builder().route("orders", OrderPlaced.class, ignoreOrder).build();

        assertThat(router.typesOn("payments")).isEmpty();
        assertThat(router.typesOn(null)).isEmpty();
    }

    @Test
    void routeNameDefaultsToTopicAndAvroSimpleName() {
        Router router = Router.builder().route("orders", OrderPlaced.class, ignoreOrder).build();

        assertThat(router.find("orders", ORDER_TYPE).orElseThrow().info().name()).isEqualTo("orders:OrderPlaced");
    }

    @Test
    void explicitRouteNameIsKept() {
        Router router = Router.builder()
                .route("reserve-stock", "orders", OrderPlaced.class, ignoreOrder)
                .route(RouteSpec.of("inventory", InventoryReserved.class, ignoreReserved).named("confirm"))
                .build();

        assertThat(router.routes()).extracting(route -> route.info().name()).containsExactly("reserve-stock", "confirm");
    }

    @Test
    void viewsOfTheRouterCannotBeModified() {
        Router router = Router.builder().route("orders", OrderPlaced.class, ignoreOrder).build();

        assertThatThrownBy(() -> router.topics().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> router.payloadTypes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> router.typesOn("orders").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> router.routes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void routesAddedToTheBuilderAfterBuildDoNotChangeTheRouter() {
        Router.Builder builder = Router.builder().route("orders", OrderPlaced.class, ignoreOrder);
        Router first = builder.build();

        builder.route("inventory", InventoryReserved.class, ignoreReserved);

        assertThat(first.topics()).containsExactly("orders");
        assertThat(builder.build().topics()).containsExactly("orders", "inventory");
    }

    @Test
    void typedHandlerReceivesTheMessageWithItsTypedPayload() throws Exception {
        List<Message<OrderPlaced>> seen = new ArrayList<>();
        Router router = Router.builder().route("orders", OrderPlaced.class, (message, context) -> seen.add(message)).build();
        Route route = router.find("orders", ORDER_TYPE).orElseThrow();
        Message<SpecificRecord> message = erasedOrder("o-1");

        route.handler().handle(message, new TestContext(route.info()));

        assertThat(seen).singleElement().satisfies(received -> {
            assertThat(received.payload().getOrderId()).isEqualTo("o-1");
            assertThat(received.id()).isEqualTo(message.id());
        });
    }

    @Test
    void handlerSeesTheContextItWasGivenAndCanEmit() throws Exception {
        Router router = Router.builder()
                .route("orders", OrderPlaced.class, (message, context) ->
                        context.emit("inventory", Message.builder(inventoryReserved(message.payload().getOrderId()))
                                .causedBy(message).build()))
                .build();
        Route route = router.routes().get(0);
        TestContext context = new TestContext(route.info());
        Message<SpecificRecord> order = erasedOrder("o-2");

        route.handler().handle(order, context);

        assertThat(context.emitted()).singleElement().satisfies(emitted -> {
            assertThat(emitted.topic()).isEqualTo("inventory");
            assertThat(emitted.message().causationId()).contains(order.id());
        });
    }

    @Test
    void payloadOfAnotherClassIsRejectedAsNonRetryableNamingTheRoute() {
        Router router = Router.builder().route("reserve-stock", "orders", OrderPlaced.class, ignoreOrder).build();
        Route route = router.routes().get(0);

        assertThatThrownBy(() -> route.handler().handle(erased(inventoryReserved("o-3")).build(),
                        new TestContext(route.info())))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("reserve-stock")
                .hasMessageContaining(OrderPlaced.class.getName())
                .hasMessageContaining(InventoryReserved.class.getName());
    }

    @Test
    void handlerExceptionsPassThroughUnchanged() {
        IllegalStateException boom = new IllegalStateException("database down");
        Router router = Router.builder().route("orders", OrderPlaced.class, (message, context) -> {
            throw boom;
        }).build();
        Route route = router.routes().get(0);

        assertThatThrownBy(() -> route.handler().handle(erasedOrder("o-4"), new TestContext(route.info())))
                .isSameAs(boom);
    }

    @Test
    void toStringListsRouteNamesTopicsAndTypes() {
        Router router = Router.builder().route("reserve-stock", "orders", OrderPlaced.class, ignoreOrder).build();

        assertThat(router).hasToString("Router[reserve-stock=orders/" + ORDER_TYPE + "]");
    }
}
