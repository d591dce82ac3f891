package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.imsg.examples.orders.OrderPlaced;
import io.imsg.schema.Envelope;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

    @Test
    void aNewRegistryKnowsTheEnvelope() {
        SchemaRegistry registry = SchemaRegistry.create();

        assertThat(registry.findByFingerprint(SchemaRegistry.fingerprint(Envelope.getClassSchema())))
                .isEqualTo(Envelope.getClassSchema());
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void fingerprintsAreCrc64AvroOfTheParsingCanonicalForm() {
        assertThat(SchemaRegistry.fingerprint(OrderPlaced.getClassSchema()))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(OrderPlaced.getClassSchema()));
    }

    @Test
    void anUnknownFingerprintFindsNullAsTheSchemaStoreContractSays() {
        SchemaRegistry registry = SchemaRegistry.create();

        assertThat(registry.findByFingerprint(1L)).isNull();
        assertThat(registry.find(1L)).isEmpty();
    }

    @Test
    void versionsOfAFullNameAreKeptInRegistrationOrderAndNeverDuplicated() {
        SchemaRegistry registry = SchemaRegistry.create().register(OrderPlaced.class);

        boolean added = registry.add(TestPayloads.ORDER_PLACED_V1);
        boolean addedAgain = registry.add(TestPayloads.ORDER_PLACED_V1);

        assertThat(added).isTrue();
        assertThat(addedAgain).isFalse();
        assertThat(registry.versionsOf("io.imsg.examples.orders.OrderPlaced"))
                .containsExactly(OrderPlaced.getClassSchema(), TestPayloads.ORDER_PLACED_V1);
        assertThat(registry.versionsOf("no.such.Type")).isEmpty();
    }
}
