package io.imsg.handler;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Handler;
import io.imsg.api.Middleware;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Envelope;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class RouterValidationTest {

    private final Handler<OrderPlaced> orders = (message, context) -> {};
    private final Handler<InventoryReserved> inventory = (message, context) -> {};

    @Test
    void buildingWithoutRoutesIsRejected() {
        assertThatThrownBy(() -> Router.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("at least one route is required");
    }

    @Test
    void duplicateRouteForSameTopicAndTypeIsRejectedNamingBothRoutes() {
        Router.Builder builder = Router.builder()
                .route("reserve-stock", "orders", OrderPlaced.class, orders)
                .route("audit-order", "orders", OrderPlaced.class, orders);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routes 'reserve-stock' and 'audit-order' both handle io.imsg.examples.orders.OrderPlaced"
                        + " on topic 'orders'; a topic and message type may have only one route");
    }

    @Test
    void duplicateRouteNamesAreRejectedNamingBothRoutesTopicsAndTypes() {
        Router.Builder builder = Router.builder()
                .route("handle", "orders", OrderPlaced.class, orders)
                .route("handle", "inventory", InventoryReserved.class, inventory);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("route name 'handle' is used by two routes")
                .hasMessageContaining("io.imsg.examples.orders.OrderPlaced on 'orders'")
                .hasMessageContaining("io.imsg.examples.orders.InventoryReserved on 'inventory'")
                .hasMessageContaining("RouteSpec.named");
    }

    @Test
    void anExplicitNameMayNotReuseAnotherRoutesDefaultName() {
        Router.Builder builder = Router.builder()
                .route("orders", OrderPlaced.class, orders)
                .route("orders:OrderPlaced", "inventory", InventoryReserved.class, inventory);

        assertThatThrownBy(builder::build).hasMessageContaining("route name 'orders:OrderPlaced' is used by two routes");
    }

    @Test
    void blankTopicIsRejected() {
        assertThatThrownBy(() -> Router.builder().route(" ", OrderPlaced.class, orders))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic must not be blank");
        assertThatThrownBy(() -> Router.builder().route(null, OrderPlaced.class, orders))
                .hasMessage("topic must not be blank");
    }

    @Test
    void blankRouteNameIsRejected() {
        assertThatThrownBy(() -> Router.builder().route("", "orders", OrderPlaced.class, orders))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route name must not be blank");
        assertThatThrownBy(() -> RouteSpec.of("orders", OrderPlaced.class, orders).named(null))
                .hasMessage("route name must not be blank");
    }

    @Test
    void nullHandlerIsRejected() {
        assertThatThrownBy(() -> Router.builder().route("orders", OrderPlaced.class, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("handler must not be null");
    }

    @Test
    void nullMiddlewareIsRejectedForTheRouterAndForARoute() {
        assertThatThrownBy(() -> Router.builder().use(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("middleware must not be null");
        assertThatThrownBy(() -> RouteSpec.of("orders", OrderPlaced.class, orders).with(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("middleware must not be null (route 'orders:OrderPlaced')");
    }

    @Test
    void nullRouteSpecIsRejected() {
        assertThatThrownBy(() -> Router.builder().route(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("route spec must not be null");
    }

    @Test
    void nullPayloadTypeIsRejected() {
        assertThatThrownBy(() -> Router.builder().route("orders", null, orders))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("payloadType must not be null");
    }

    @Test
    void classThatIsNotAnAvroGeneratedRecordIsRejected() {
        assertThatThrownBy(() -> RouteSpec.of("orders", HandWritten.class, (message, context) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payloadType " + HandWritten.class.getName()
                        + " is not an Avro-generated record class");
    }

    @Test
    void theSpecificRecordInterfaceItselfIsRejected() {
        assertThatThrownBy(() -> RouteSpec.of("orders", SpecificRecord.class, (message, context) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an Avro-generated record class");
    }

    @Test
    void aSubclassOfAGeneratedClassIsRejected() {
        assertThatThrownBy(() -> RouteSpec.of("orders", OrderSubclass.class, (message, context) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(OrderSubclass.class.getName() + " is not an Avro-generated record class");
    }

    @Test
    void iMsgsOwnGeneratedRecordsAreAcceptedLikeAnyOther() {
        Middleware passThrough = (route, next) -> next;
        Router.builder().use(passThrough).route("raw-envelopes", Envelope.class, (message, context) -> {}).build();
    }

    /** Implements the interface by hand, with no generated schema: the codec could not decode into it. */
    static final class HandWritten extends SpecificRecordBase {
        @Override
        public Schema getSchema() {
            return OrderPlaced.getClassSchema();
        }

        @Override
        public Object get(int field) {
            return null;
        }

        @Override
        public void put(int field, Object value) {}
    }

    static final class OrderSubclass extends OrderPlaced {
        private static final long serialVersionUID = 1L;
    }
}
