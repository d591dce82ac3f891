package io.imsg.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.examples.orders.OrderPlaced;
import org.junit.jupiter.api.Test;

class RouteInfoTest {

    @Test
    void aBlankRouteNameOrTopicIsRejectedNamingWhich() {
        assertThatThrownBy(() -> new RouteInfo(" ", "orders", OrderPlaced.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route name must not be blank");
        assertThatThrownBy(() -> new RouteInfo("reserve-stock", "", OrderPlaced.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic must not be blank");
    }
}
