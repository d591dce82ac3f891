package io.imsg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.examples.orders.OrderPlaced;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void aGeneratedRecordClassGivesItsSchemaAndTypeName() {
        assertThat(Messages.schemaOf(OrderPlaced.class)).isEqualTo(OrderPlaced.getClassSchema());
        assertThat(Messages.typeName(OrderPlaced.class)).isEqualTo("io.imsg.examples.orders.OrderPlaced");
    }

    @Test
    void aClassWhoseSchemaIsNotARecordIsRejectedNamingTheClass() {
        assertThatThrownBy(() -> Messages.schemaOf(EnumSchema.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payloadType " + EnumSchema.class.getName() + " is not an Avro-generated record class"
                        + " (generated classes declare a static SCHEMA$ of type record)")
                .as("found by the type check, not by Avro failing").hasNoCause();
    }

    /** Declares a SCHEMA$ as generated classes do, but of an enum: Avro finds it, iMSG must refuse it. */
    public static final class EnumSchema extends SpecificRecordBase {
        public static final Schema SCHEMA$ = Schema.createEnum("Colour", null, "com.example", List.of("RED"));

        @Override
        public Schema getSchema() {
            return SCHEMA$;
        }

        @Override
        public Object get(int field) {
            throw new IndexOutOfBoundsException(field);
        }

        @Override
        public void put(int field, Object value) {
            throw new IndexOutOfBoundsException(field);
        }
    }
}
