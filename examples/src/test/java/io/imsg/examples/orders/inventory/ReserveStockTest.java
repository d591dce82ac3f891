package io.imsg.examples.orders.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Message;
import io.imsg.api.RouteInfo;
import io.imsg.api.failure.FailureClassifier;
import io.imsg.api.failure.NonRetryableException;
import io.imsg.examples.orders.InventoryRejected;
import io.imsg.examples.orders.InventoryReserved;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.examples.orders.OrderTopics;
import io.imsg.examples.testing.EmittingContext;
import io.imsg.schema.Priority;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReserveStockTest {

    private final ReserveStock handler = new ReserveStock(Catalog.of(Map.of("SKU-01", 4)));
    private final EmittingContext context = new EmittingContext(
            new RouteInfo("reserve-stock", OrderTopics.ORDERS, OrderPlaced.class));

    @Test
    void answersReservedWithTheOrdersPriorityAndCausation() {
        Message<OrderPlaced> order = Message.builder(new OrderPlaced("o-1", "SKU-01", 3, true))
                .priority(Priority.HIGH).build();

        handler.handle(order, context);

        assertThat(context.emitted()).singleElement().satisfies(emitted -> {
            assertThat(emitted.topic()).isEqualTo(OrderTopics.INVENTORY_EVENTS);
            assertThat(emitted.message().payload()).isEqualTo(new InventoryReserved("o-1", "SKU-01", 3, 1));
            assertThat(emitted.message().priority()).isEqualTo(Priority.HIGH);
            assertThat(emitted.message().causationId()).contains(order.id());
            assertThat(emitted.message().key()).contains("o-1");
        });
    }

    @Test
    void answersRejectedWhenTheStockIsShort() {
        handler.handle(Message.of(new OrderPlaced("o-1", "SKU-01", 5, false)), context);

        assertThat(context.emitted()).singleElement()
                .satisfies(emitted -> assertThat(emitted.message().payload()).isInstanceOf(InventoryRejected.class));
    }

    @Test
    void anOrderForAnUnknownSkuFailsNonRetryablySoItIsDeadLettered() {
        assertThatThrownBy(() -> handler.handle(Message.of(new OrderPlaced("o-1", "SKU-404", 1, false)), context))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("SKU-404")
                .satisfies(failure -> assertThat(FailureClassifier.defaults().isRetryable(failure)).isFalse());
        assertThat(context.emitted()).isEmpty();
    }
}
