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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.SQLTransientException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReserveStockTest {

    private static final RouteInfo ROUTE = new RouteInfo("reserve-stock", OrderTopics.ORDERS, OrderPlaced.class);

    @TempDir
    Path dir;

    private StockDatabase database;
    private final EmittingContext context = new EmittingContext(ROUTE);

    @BeforeEach
    void openDatabase() {
        database = StockDatabase.open(dir);
        database.addSkus(Map.of("SKU-01", 4));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private ReserveStock handler(int transientFailurePercent) {
        return new ReserveStock(database, new TransientFailures(transientFailurePercent, new SimpleMeterRegistry()));
    }

    @Test
    void answersReservedWithTheOrdersPriorityAndCausationAndTakesTheStock() throws Exception {
        Message<OrderPlaced> order = Message.builder(new OrderPlaced("o-1", "SKU-01", 3, true))
                .priority(Priority.HIGH).build();

        handler(0).handle(order, context);

        assertThat(context.emitted()).singleElement().satisfies(emitted -> {
            assertThat(emitted.topic()).isEqualTo(OrderTopics.INVENTORY_EVENTS);
            assertThat(emitted.message().payload()).isEqualTo(new InventoryReserved("o-1", "SKU-01", 3, 1));
            assertThat(emitted.message().priority()).isEqualTo(Priority.HIGH);
            assertThat(emitted.message().causationId()).contains(order.id());
            assertThat(emitted.message().key()).contains("o-1");
        });
        assertThat(database.stock().get("SKU-01")).isEqualTo(new StockDatabase.StockLevel(4, 1));
        assertThat(database.reservedBySku()).containsEntry("SKU-01", 3);
    }

    @Test
    void answersRejectedWhenTheStockIsShortAndTakesNothing() throws Exception {
        handler(0).handle(Message.of(new OrderPlaced("o-1", "SKU-01", 5, false)), context);

        assertThat(context.emitted()).singleElement()
                .satisfies(emitted -> assertThat(emitted.message().payload()).isInstanceOf(InventoryRejected.class));
        assertThat(database.stock().get("SKU-01").available()).isEqualTo(4);
    }

    @Test
    void aRedeliveredMessageTakesNoStockAndGetsTheSameAnswerAgain() throws Exception {
        Message<OrderPlaced> order = Message.of(new OrderPlaced("o-1", "SKU-01", 3, false));
        EmittingContext redelivery = new EmittingContext(ROUTE);

        handler(0).handle(order, context);
        handler(0).handle(order, redelivery);

        assertThat(redelivery.emitted()).singleElement().satisfies(emitted -> assertThat(emitted.message().payload())
                .isEqualTo(new InventoryReserved("o-1", "SKU-01", 3, 1)));
        assertThat(database.stock().get("SKU-01").available()).isEqualTo(1);
        assertThat(database.ordersRecordedTwice()).isZero();
    }

    @Test
    void aTransientFailureRollsBackTheStockChangeAndTheRetrySucceeds() throws Exception {
        ReserveStock flaky = handler(100);
        Message<OrderPlaced> order = Message.of(new OrderPlaced("o-1", "SKU-01", 3, false));

        assertThatThrownBy(() -> flaky.handle(order, context)).isInstanceOf(SQLTransientException.class)
                .satisfies(failure -> assertThat(FailureClassifier.defaults().isRetryable(failure)).isTrue());
        assertThat(database.stock().get("SKU-01").available()).isEqualTo(4);
        assertThat(database.reservedBySku()).isEmpty();

        EmittingContext retry = context.nextAttempt();
        flaky.handle(order, retry);
        assertThat(retry.emitted()).hasSize(1);
        assertThat(database.stock().get("SKU-01").available()).isEqualTo(1);
    }

    @Test
    void anOrderForAnUnknownSkuFailsNonRetryablySoItIsDeadLettered() {
        assertThatThrownBy(() -> handler(0).handle(Message.of(new OrderPlaced("o-1", "SKU-404", 1, false)), context))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("SKU-404")
                .satisfies(failure -> assertThat(FailureClassifier.defaults().isRetryable(failure)).isFalse());
        assertThat(context.emitted()).isEmpty();
    }

    @Test
    void anOrderForNoUnitsIsRejectedAsMalformed() {
        assertThatThrownBy(() -> handler(0).handle(Message.of(new OrderPlaced("o-1", "SKU-01", 0, false)), context))
                .isInstanceOf(NonRetryableException.class).hasMessageContaining("asks for 0 units");
    }

    @Test
    void aTransientFailureShareOutsideZeroToHundredIsRefused() {
        assertThatThrownBy(() -> new TransientFailures(101, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transient-failure-percent must be between 0 and 100, was 101");
    }
}
