package io.imsg.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.api.Message;
import io.imsg.schema.Envelope;
import io.imsg.schema.Presence;
import io.imsg.schema.PresenceStatus;
import io.imsg.schema.Priority;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.junit.jupiter.api.Test;

class TrustedAvroClassesTest {

    private static final Schema FILE_FIELD = new Schema.Parser().parse("""
            {"type": "record", "name": "Sneaky", "namespace": "io.imsg.test", "fields": [
              {"name": "path", "type": {"type": "string", "java-class": "java.io.File"}}
            ]}""");

    @Test
    void aCodecTrustsTheEnvelopeAndItsPayloadClassesWithTheirNestedTypes() {
        AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(Presence.class), DecodingLimits.ofDefaults());

        for (Class<?> type : List.of(Envelope.class, Priority.class, Presence.class, PresenceStatus.class)) {
            assertThatCode(() -> ClassSecurityValidator.validate(type)).as(type.getName()).doesNotThrowAnyException();
        }
    }

    @Test
    void aClassNamedByAJavaClassPropertyIsStillRefused() throws Exception {
        AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(Presence.class), DecodingLimits.ofDefaults());
        GenericRecord sneaky = new GenericData.Record(FILE_FIELD);
        sneaky.put("path", "/etc/passwd");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(FILE_FIELD).write(sneaky, encoder);
        encoder.flush();

        SpecificDatumReader<Object> reader = new SpecificDatumReader<>(FILE_FIELD);
        assertThatThrownBy(() -> reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null)))
                .hasStackTraceContaining("java.io.File");
        assertThatThrownBy(() -> ClassSecurityValidator.validate(File.class)).isInstanceOf(SecurityException.class);
    }

    @Test
    void buildingManyCodecsWrapsTheGlobalAllowListOnce() {
        AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(Presence.class), DecodingLimits.ofDefaults());
        ClassSecurityPredicate once = ClassSecurityValidator.getGlobal();

        AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(Presence.class), DecodingLimits.ofDefaults());
        AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(Presence.class), DecodingLimits.ofDefaults());

        assertThat(ClassSecurityValidator.getGlobal()).isSameAs(once);
    }

    @Test
    void aCodecBuiltBeforeTheApplicationReplacedTheAllowListStillDecodes() {
        ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        SchemaRegistry registry = SchemaRegistry.create();
        AvroEnvelopeCodec codec = AvroEnvelopeCodec.create(registry, List.of(Presence.class), DecodingLimits.ofDefaults());
        Message<Presence> sent = TestPayloads.presenceMessage();
        byte[] value = codec.encode(sent);
        try {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT); // as a library might, later

            assertThat(codec.decode(value, TestPayloads.ORIGIN).payload()).isEqualTo(sent.payload());
            // Deterministic whatever Avro's class cache holds from earlier tests: the decode trusted again.
            assertThatCode(() -> ClassSecurityValidator.validate(Presence.class)).doesNotThrowAnyException();
        } finally {
            restore(before);
        }
    }

    @Test
    void refusalsStillGoToTheApplicationsPredicate() {
        ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            ClassSecurityValidator.setGlobal(new ClassSecurityPredicate() { // an audit mode: log, do not throw
                @Override
                public boolean isTrusted(Class<?> type) {
                    return false;
                }

                @Override
                public void forbiddenClass(String className) {
                    refused.add(className);
                }
            });
            AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(Presence.class), DecodingLimits.ofDefaults());

            assertThatCode(() -> ClassSecurityValidator.validate(File.class)).doesNotThrowAnyException();
            assertThatCode(() -> ClassSecurityValidator.validate(Envelope.class)).doesNotThrowAnyException();
            assertThat(refused).containsExactly("java.io.File");
        } finally {
            restore(before);
        }
    }

    @Test
    void composesWithTheAllowListTheApplicationInstalled() {
        ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        try {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(before,
                    ClassSecurityValidator.builder().add(File.class).build()));
            AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(Presence.class), DecodingLimits.ofDefaults());

            assertThatCode(() -> ClassSecurityValidator.validate(File.class)).doesNotThrowAnyException();
            assertThatCode(() -> ClassSecurityValidator.validate(Envelope.class)).doesNotThrowAnyException();
        } finally {
            restore(before);
        }
    }

    /** Puts the allow-list back and iMSG's trust on it, so codecs that other tests share keep working. */
    private static void restore(ClassSecurityPredicate before) {
        ClassSecurityValidator.setGlobal(before);
        TrustedAvroClasses.trust(Envelope.getClassSchema());
    }
}
