package io.imsg.handler.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Message;
import io.imsg.api.Middleware;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.RouteSpec;
import io.imsg.handler.Router;
import io.imsg.api.spi.RouteTable.Route;
import io.imsg.handler.testing.TestContext;
import io.imsg.schema.Priority;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class PriorityCapTest {

    private final List<Priority> seenByHandler = new ArrayList<>();
    private final List<Priority> seenByMiddleware = new ArrayList<>();

    @Test
    void aMessageClaimingMoreThanItsRouteGrantsIsHandledAtTheCap() throws Exception {
        Route route = cappedRoute(Priority.NORMAL);

        route.handler().handle(order(Priority.HIGH), new TestContext(route.info()));

        assertThat(seenByHandler).containsExactly(Priority.NORMAL);
        assertThat(seenByMiddleware).as("metrics and retries see the capped priority too").containsExactly(Priority.NORMAL);
    }

    @Test
    void aMessageWithinTheCapKeepsItsPriority() throws Exception {
        Route route = cappedRoute(Priority.NORMAL);

        route.handler().handle(order(Priority.LOW), new TestContext(route.info()));

        assertThat(seenByHandler).containsExactly(Priority.LOW);
    }

    @Test
    void routesGrantHighByDefault() throws Exception {
        Router router = Router.builder().route("orders", OrderPlaced.class, (m, c) -> seenByHandler.add(m.priority())).build();
        Route route = router.routes().get(0);

        route.handler().handle(order(Priority.HIGH), new TestContext(route.info()));

        assertThat(seenByHandler).containsExactly(Priority.HIGH);
    }

    @Test
    void aNullCapIsRejectedNamingTheRoute() {
        assertThatThrownBy(() -> RouteSpec.of("orders", OrderPlaced.class, (m, c) -> { }).named("reserve").maxPriority(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("maxPriority").hasMessageContaining("reserve");
    }

    private Route cappedRoute(Priority cap) {
        Middleware watch = (info, next) -> (message, context) -> {
            seenByMiddleware.add(message.priority());
            next.handle(message, context);
        };
        RouteSpec<OrderPlaced> spec = RouteSpec.of("orders", OrderPlaced.class,
                (Message<OrderPlaced> m, io.imsg.api.Context c) -> seenByHandler.add(m.priority())).maxPriority(cap);
        return Router.builder().use(watch).route(spec).build().routes().get(0);
    }

    private static Message<SpecificRecord> order(Priority priority) {
        OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku").setQuantity(1).build();
        return Message.<SpecificRecord>builder(order).priority(priority).build();
    }
}
