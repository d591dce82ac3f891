package io.imsg.kafka.redrive;

import io.imsg.api.RecordOrigin;
import io.imsg.api.failure.DecodingException;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.AvroBoundsScanner;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.KafkaSchemaTopic;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.codec.SchemaTopicSettings;
import io.imsg.kafka.internal.ClientConfigs;
import io.imsg.kafka.lanes.PriorityLanes;
import io.imsg.kafka.security.RecordProtection;
import io.imsg.kafka.security.UntrustedRecordException;
import io.imsg.kafka.security.crypto.PayloadCipher;
import io.imsg.schema.Envelope;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes dead letters for people to read, without the payload classes: the envelope with iMSG's
 * codec and all its checks, the payload generically with its writer schema from the
 * {@link SchemaRegistry} (classpath plus the schema topic services publish to). Payload bytes pass
 * the same {@link AvroBoundsScanner} pre-scan before Avro reads them: a dead letter is hostile input.
 *
 * <p>An encrypted value (payload encryption, {@link RecordProtection}) is decrypted first with the
 * decoder's protection, against the dead letter's original topic, as the consumer did; a decoder
 * without the topic's keys reports it as encrypted. Opening it also checks its signature when the
 * protection verifies that topic, as the consumer did, and a failed check is the reported problem;
 * a plain value's signature is not checked, since reading it needs no trust in its sender.
 *
 * <p>Never throws on bad bytes: what cannot be decoded is reported in
 * {@link DecodedDeadLetter#problem()}. Thread-safe.
 *
 * <pre>{@code
 * DeadLetterDecoder decoder = DeadLetterDecoder.fromSchemaTopic(kafka, SchemaTopicSettings.ofDefaults());
 * DecodedDeadLetter decoded = decoder.decode(letter);
 * decoded.payload().ifPresent(payload -> System.out.println(payload.get("orderId")));
 * }</pre>
 */
public final class DeadLetterDecoder {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDecoder.class);

    private final SchemaRegistry registry;
    private final DecodingLimits limits;
    private final AvroEnvelopeCodec envelopes;
    private final RecordProtection protection;
    private final Map<Long, AvroBoundsScanner> scanners = new ConcurrentHashMap<>();

    private DeadLetterDecoder(SchemaRegistry registry, DecodingLimits limits, RecordProtection protection) {
        this.registry = registry;
        this.limits = limits;
        this.protection = protection;
        this.envelopes = AvroEnvelopeCodec.builder(registry).limits(limits).build();
    }

    /** A decoder without keys: encrypted values are reported, not decrypted. */
    public static DeadLetterDecoder create(SchemaRegistry registry, DecodingLimits limits) {
        return create(registry, limits, RecordProtection.none());
    }

    /** A decoder that decrypts values of the topics {@code protection} holds keys for. */
    public static DeadLetterDecoder create(SchemaRegistry registry, DecodingLimits limits,
            RecordProtection protection) {
        return new DeadLetterDecoder(Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(limits, "limits"), Objects.requireNonNull(protection, "protection"));
    }

    /**
     * A decoder knowing the classpath schemas and those in the schema topic now, decrypting with
     * {@code kafka}'s protection. When the topic cannot be read, it logs why and decodes with the
     * classpath schemas only: envelopes still decode, payloads of other types are reported as unknown.
     */
    public static DeadLetterDecoder fromSchemaTopic(KafkaSettings kafka, SchemaTopicSettings settings) {
        SchemaRegistry registry = SchemaRegistry.create();
        Map<String, Object> clients = ClientConfigs.withPassThrough(kafka, "dlt");
        try (KafkaSchemaTopic schemas = KafkaSchemaTopic.create(clients, registry, settings)) {
            int loaded = schemas.load();
            log.debug("IMSG-1420 loaded {} schema(s) from {}", loaded, settings.topic());
        } catch (RuntimeException e) {
            log.warn("IMSG-1421 schemas could not be loaded from {}, payloads of types not on the classpath stay"
                    + " undecoded: {}", settings.topic(), e.toString());
        }
        return create(registry, DecodingLimits.ofDefaults(), kafka.protection());
    }

    public DecodedDeadLetter decode(DeadLetter letter) {
        RecordOrigin origin = new RecordOrigin(letter.topic(), letter.partition(), letter.offset(), letter.timestamp());
        Envelope envelope;
        try {
            envelope = envelopes.decodeEnvelope(opened(letter, origin), origin);
        } catch (UntrustedRecordException e) {
            return new DecodedDeadLetter(letter, Optional.empty(), Optional.empty(),
                    Optional.of("decryption: " + e.getMessage()));
        } catch (DecodingException e) {
            return new DecodedDeadLetter(letter, Optional.empty(), Optional.empty(),
                    Optional.of("envelope: " + e.getMessage()));
        }
        try {
            return new DecodedDeadLetter(letter, Optional.of(envelope), Optional.of(payloadOf(envelope, origin)),
                    Optional.empty());
        } catch (DecodingException e) {
            return new DecodedDeadLetter(letter, Optional.of(envelope), Optional.empty(),
                    Optional.of("payload: " + e.getMessage()));
        }
    }

    /** The value to decode: decrypted when it is encrypted and the protection has the topic's keys. */
    private byte[] opened(DeadLetter letter, RecordOrigin origin) {
        byte[] value = letter.valueBytes();
        if (value == null || !PayloadCipher.looksSealed(value)) {
            return value;
        }
        // Sealed against the logical topic, as RecordProcessor opens it: a lane's records under their topic's name.
        String topic = PriorityLanes.logicalOf(letter.failure().originalTopic()
                .orElseGet(() -> RedriveTopics.routedTopicOf(letter.topic())));
        if (!protection.encrypts(topic)) {
            throw new DecodingException("the value is encrypted, and this decoder has no keys for " + topic
                    + " (imsg dlt show --key-store)", origin);
        }
        RecordHeaders headers = new RecordHeaders();
        letter.headers().all().forEach(header -> headers.add(header.key(), header.value()));
        return protection.open(topic, letter.keyBytes(), value, headers, origin);
    }

    private GenericRecord payloadOf(Envelope envelope, RecordOrigin origin) {
        long fingerprint = envelope.getPayloadFingerprint();
        Schema writer = registry.find(fingerprint).orElseThrow(() -> new DecodingException(String.format(
                "the writer schema %016x of %s is neither on the classpath nor in the schema topic", fingerprint,
                envelope.getType()), origin));
        if (!writer.getFullName().equals(envelope.getType())) {
            throw new DecodingException("the envelope says " + envelope.getType() + " but the payload schema is "
                    + writer.getFullName(), origin);
        }
        ByteBuffer body = envelope.getPayload();
        byte[] bytes = new byte[body.remaining()];
        body.duplicate().get(bytes);
        scanners.computeIfAbsent(fingerprint, key -> AvroBoundsScanner.of(writer, limits))
                .scan(bytes, 0, bytes.length, origin);
        try {
            Object datum = new GenericDatumReader<>(writer).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            if (datum instanceof GenericRecord record) {
                return record;
            }
            throw new DecodingException("the payload is a " + writer.getType() + ", not a record", origin);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DecodingException decoding) {
                throw decoding;
            }
            throw new DecodingException("the payload could not be read: " + e, origin, e);
        }
    }
}
