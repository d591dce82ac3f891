package io.imsg.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrderMixTest {

    @Test
    void theSameSeedGivesTheSameOrdersAndStock() {
        OrderMix mix = new OrderMix(500, 10, 5, 7);
        OrderMix again = new OrderMix(500, 10, 5, 7);

        assertThat(mix.orders("run")).isEqualTo(again.orders("run")).hasSize(500);
        assertThat(mix.initialStock()).isEqualTo(again.initialStock()).hasSize(OrderMix.SKUS);
    }

    @Test
    void theMixHasExpressOrdersAndOrdersForUnknownSkus() {
        var orders = new OrderMix(1_000, 10, 5, 7).orders("run");

        assertThat(orders).filteredOn(OrderPlaced::getExpress).hasSizeBetween(50, 150);
        assertThat(orders).filteredOn(order -> OrderMix.unknownSkus().contains(order.getSku()))
                .hasSizeBetween(20, 80);
        assertThat(orders).allSatisfy(order -> assertThat(order.getOrderId()).startsWith("run-"));
    }

    @Test
    void invalidSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new OrderMix(0, 10, 5, 1)).hasMessage("orders must be >= 1, was 0");
        assertThatThrownBy(() -> new OrderMix(10, 101, 5, 1))
                .hasMessage("express-percent must be between 0 and 100, was 101");
        assertThatThrownBy(() -> new OrderMix(10, 10, -1, 1))
                .hasMessage("unknown-sku-percent must be between 0 and 100, was -1");
    }
}
