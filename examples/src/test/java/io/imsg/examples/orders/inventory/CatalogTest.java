package io.imsg.examples.orders.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private final Catalog catalog = Catalog.of(Map.of("SKU-01", 5));

    @Test
    void reservesUntilTheStockRunsOutThenRejects() {
        assertThat(catalog.reserve("o-1", "SKU-01", 3)).isEqualTo(new Catalog.Reserved(3, 2));
        assertThat(catalog.reserve("o-2", "SKU-01", 3)).isInstanceOf(Catalog.Rejected.class);
        assertThat(catalog.reserve("o-3", "SKU-01", 2)).isEqualTo(new Catalog.Reserved(2, 0));
        assertThat(catalog.remainingStock()).containsEntry("SKU-01", 0);
    }

    @Test
    void reservingTheSameOrderAgainReturnsTheFirstDecisionAndTakesNoMoreStock() {
        Catalog.Reservation first = catalog.reserve("o-1", "SKU-01", 2);

        assertThat(catalog.reserve("o-1", "SKU-01", 2)).isEqualTo(first);
        assertThat(catalog.remainingStock()).containsEntry("SKU-01", 3);
    }

    @Test
    void anUnknownSkuIsRefusedWithItsName() {
        assertThat(catalog.carries("SKU-404")).isFalse();
        assertThatThrownBy(() -> catalog.reserve("o-1", "SKU-404", 1)).hasMessageContaining("SKU-404");
    }

    @Test
    void negativeStockIsRejectedWhenTheCatalogIsBuilt() {
        assertThatThrownBy(() -> Catalog.of(Map.of("SKU-01", -1))).hasMessageContaining("SKU-01");
    }
}
