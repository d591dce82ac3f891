package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.examples.orders.OrderPlaced;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityModeTest {

    /** Adds a field without a default: old data lacks it, so the new schema cannot read old data. */
    private static final Schema WITH_REQUIRED_FIELD = new Schema.Parser().parse("""
            {"type": "record", "name": "OrderPlaced", "namespace": "io.imsg.examples.orders", "fields": [
              {"name": "orderId", "type": "string"}, {"name": "sku", "type": "string"},
              {"name": "quantity", "type": "int"}, {"name": "express", "type": "boolean", "default": false},
              {"name": "warehouse", "type": "string"}]}""");

    private final Schema current = OrderPlaced.getClassSchema();

    @Test
    void backwardAcceptsANewFieldWithADefault() {
        assertThat(SchemaCompatibilityMode.BACKWARD.incompatibilities(current, List.of(TestPayloads.ORDER_PLACED_V1)))
                .isEmpty();
    }

    @Test
    void backwardRejectsANewFieldWithoutADefaultAndSaysWhere() {
        List<String> problems = SchemaCompatibilityMode.BACKWARD.incompatibilities(WITH_REQUIRED_FIELD, List.of(current));

        assertThat(problems).singleElement().asString()
                .contains("new version cannot read data written with")
                .contains("READER_FIELD_MISSING_DEFAULT")
                .contains("warehouse");
    }

    @Test
    void forwardAcceptsWhatOldReadersCanReadAndFullNeedsBoth() {
        assertThat(SchemaCompatibilityMode.FORWARD.incompatibilities(WITH_REQUIRED_FIELD, List.of(current))).isEmpty();
        assertThat(SchemaCompatibilityMode.FULL.incompatibilities(WITH_REQUIRED_FIELD, List.of(current))).isNotEmpty();
        assertThat(SchemaCompatibilityMode.FULL.incompatibilities(current, List.of(TestPayloads.ORDER_PLACED_V1)))
                .isEmpty();
    }

    @Test
    void everyKnownVersionIsChecked() {
        List<String> problems = SchemaCompatibilityMode.BACKWARD.incompatibilities(WITH_REQUIRED_FIELD,
                List.of(TestPayloads.ORDER_PLACED_V1, current));

        assertThat(problems).hasSize(2);
    }

    @Test
    void noneAcceptsAnything() {
        assertThat(SchemaCompatibilityMode.NONE.incompatibilities(WITH_REQUIRED_FIELD, List.of(current))).isEmpty();
    }
}
