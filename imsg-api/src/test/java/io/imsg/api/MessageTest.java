package io.imsg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Priority;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageTest {

    private final OrderPlaced order = OrderPlaced.newBuilder().setOrderId("o-1").setSku("sku-1").setQuantity(2).build();

    @Test
    void defaultsAreARandomIdNowNormalPriorityAndNoKey() {
        Message<OrderPlaced> message = Message.of(order);

        assertThat(message.id()).isNotBlank().isNotEqualTo(Message.of(order).id());
        assertThat(message.type()).isEqualTo("io.imsg.examples.orders.OrderPlaced");
        assertThat(message.priority()).isEqualTo(Priority.NORMAL);
        assertThat(message.key()).isEmpty();
        assertThat(message.createdAt()).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void causedByCarriesTheCorrelationAndPointsAtTheCause() {
        Message<OrderPlaced> first = Message.builder(order).correlationId("c-9").build();
        Message<OrderPlaced> second = Message.builder(order).causedBy(first).build();
        Message<OrderPlaced> uncorrelated = Message.of(order);

        assertThat(second.correlationId()).contains("c-9");
        assertThat(second.causationId()).contains(first.id());
        assertThat(Message.builder(order).causedBy(uncorrelated).build().correlationId()).contains(uncorrelated.id());
    }

    @Test
    void toBuilderCopiesEveryField() {
        Message<OrderPlaced> message = Message.builder(order).id("m-1").key("k").target("inventory")
                .source(new Source("orders", "i-1")).priority(Priority.HIGH).attribute("tenant", "t1")
                .createdAt(Instant.ofEpochMilli(5)).correlationId("c").causationId("p").build();

        Message<OrderPlaced> copy = message.toBuilder().build();

        assertThat(copy).usingRecursiveComparison().isEqualTo(message);
    }

    @Test
    void withSourceChangesTheSourceAndNothingElse() {
        Message<OrderPlaced> message = Message.builder(order).id("m-1").key("k").target("inventory")
                .priority(Priority.HIGH).attribute("tenant", "t1").createdAt(Instant.ofEpochMilli(5))
                .correlationId("c").causationId("p").build();
        Source source = new Source("orders", "i-1");

        Message<OrderPlaced> stamped = message.withSource(source);

        assertThat(stamped.source()).contains(source);
        assertThat(message.source()).isEmpty();
        assertThat(stamped).usingRecursiveComparison().isEqualTo(message.toBuilder().source(source).build());
        assertThatThrownBy(() -> message.withSource(null)).hasMessage("source must not be null");
    }

    @Test
    void reservedAttributeNamesAreRejected() {
        assertThatThrownBy(() -> Message.builder(order).attribute("imsg-attempt", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved prefix 'imsg-'");
        assertThatThrownBy(() -> Message.builder(order).attribute("IMSG-priority", "HIGH"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidArgumentsNameTheField() {
        assertThatThrownBy(() -> Message.builder(null)).hasMessage("payload must not be null");
        assertThatThrownBy(() -> Message.builder(order).id(" ")).hasMessage("id must not be blank");
        assertThatThrownBy(() -> Message.builder(order).priority(null)).hasMessage("priority must not be null");
        assertThatThrownBy(() -> new Source("", "i")).hasMessage("source service must not be blank");
    }

    @Test
    void blankRoutingAndCorrelationFieldsAreRejectedNamingTheField() {
        Message.Builder<OrderPlaced> builder = Message.builder(order);

        assertThatThrownBy(() -> builder.target(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target must not be blank");
        assertThatThrownBy(() -> builder.correlationId("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("correlationId must not be blank");
        assertThatThrownBy(() -> builder.causationId(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("causationId must not be blank");
        assertThatThrownBy(() -> builder.attribute(" ", "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribute name must not be blank");
        assertThatThrownBy(() -> new Source("orders", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source instance must not be blank");
    }

    @Test
    void attributesCannotBeChangedAfterBuilding() {
        Message<OrderPlaced> message = Message.builder(order).attribute("a", "1").build();

        assertThatThrownBy(() -> message.attributes().put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    }
}
