package io.imsg.handler;

import static io.imsg.handler.testing.TestMessages.erasedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Handler;
import io.imsg.api.Middleware;
import io.imsg.api.RouteInfo;
import io.imsg.api.spi.RouteTable.Route;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.handler.testing.TestContext;
import io.imsg.handler.testing.TestMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RouterMiddlewareTest {

    private final List<String> calls = new ArrayList<>();

    /** A middleware that logs entering and leaving, to show the nesting. */
    private Middleware tracing(String label) {
        return (route, next) -> (message, context) -> {
            calls.add(label + ">");
            next.handle(message, context);
            calls.add("<" + label);
        };
    }

    private final Handler<OrderPlaced> recordingHandler = (message, context) -> calls.add("handler");

    @Test
    void middlewareWrapsInRegistrationOrderFirstIsOutermost() throws Exception {
        Router router = Router.builder()
                .use(tracing("a"))
                .use(tracing("b"))
                .route("orders", OrderPlaced.class, recordingHandler)
                .build();

        handleOne(router.routes().get(0));

        assertThat(calls).containsExactly("a>", "b>", "handler", "<b", "<a");
    }

    @Test
    void routeMiddlewareRunsInsideRouterMiddlewareInItsOwnOrder() throws Exception {
        Router router = Router.builder()
                .use(tracing("router"))
                .route(RouteSpec.of("orders", OrderPlaced.class, recordingHandler)
                        .with(tracing("route-1"))
                        .with(tracing("route-2")))
                .build();

        handleOne(router.routes().get(0));

        assertThat(calls).containsExactly("router>", "route-1>", "route-2>", "handler", "<route-2", "<route-1", "<router");
    }

    @Test
    void routeMiddlewareAppliesOnlyToItsRoute() throws Exception {
        Router router = Router.builder()
                .route(RouteSpec.of("orders", OrderPlaced.class, recordingHandler).with(tracing("only-orders")))
                .route("inventory", InventoryReserved.class, (message, context) -> calls.add("inventory"))
                .build();

        Route inventory = router.routes().get(1);
        inventory.handler().handle(TestMessages.erased(TestMessages.inventoryReserved("o-1")).build(),
                new TestContext(inventory.info()));

        assertThat(calls).containsExactly("inventory");
    }

    @Test
    void middlewareWrapsEachRouteOnceAtBuildNeverPerMessage() throws Exception {
        AtomicInteger wraps = new AtomicInteger();
        Middleware counting = (route, next) -> {
            wraps.incrementAndGet();
            return next;
        };
        Router router = Router.builder()
                .use(counting)
                .route("orders", OrderPlaced.class, recordingHandler)
                .route("inventory", InventoryReserved.class, (message, context) -> {})
                .build();
        assertThat(wraps).hasValue(2);

        Route orders = router.routes().get(0);
        for (int i = 0; i < 5; i++) {
            handleOne(orders);
        }

        assertThat(wraps).as("no wrapping on the hot path").hasValue(2);
        assertThat(router.find("orders", "io.imsg.examples.orders.OrderPlaced").orElseThrow().handler())
                .as("find returns the handler wrapped at build").isSameAs(orders.handler());
    }

    @Test
    void middlewareIsToldWhichRouteItWraps() {
        List<RouteInfo> wrapped = new ArrayList<>();
        Router.builder()
                .use((route, next) -> {
                    wrapped.add(route);
                    return next;
                })
                .route("reserve-stock", "orders", OrderPlaced.class, recordingHandler)
                .route("inventory", InventoryReserved.class, (message, context) -> {})
                .build();

        assertThat(wrapped).containsExactly(
                new RouteInfo("reserve-stock", "orders", OrderPlaced.class),
                new RouteInfo("inventory:InventoryReserved", "inventory", InventoryReserved.class));
    }

    @Test
    void middlewareCanShortCircuitWithoutCallingTheHandler() throws Exception {
        Router router = Router.builder()
                .use((route, next) -> (message, context) -> calls.add("skipped " + message.id()))
                .route("orders", OrderPlaced.class, recordingHandler)
                .build();

        handleOne(router.routes().get(0));

        assertThat(calls).singleElement().asString().startsWith("skipped ");
    }

    @Test
    void middlewareReturningNullIsRejectedNamingTheRoute() {
        Router.Builder builder = Router.builder()
                .use((route, next) -> null)
                .route("reserve-stock", "orders", OrderPlaced.class, recordingHandler);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned a null handler")
                .hasMessageContaining("'reserve-stock'");
    }

    @Test
    void invalidRoutesAreRejectedBeforeAnyMiddlewareRuns() {
        AtomicInteger wraps = new AtomicInteger();
        Router.Builder builder = Router.builder()
                .use((route, next) -> {
                    wraps.incrementAndGet();
                    return next;
                })
                .route("orders", OrderPlaced.class, recordingHandler)
                .route("orders", OrderPlaced.class, recordingHandler);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class);
        assertThat(wraps).as("no side effects from a router that was never built").hasValue(0);
    }

    private static void handleOne(Route route) throws Exception {
        route.handler().handle(erasedOrder("o-1"), new TestContext(route.info()));
    }
}
