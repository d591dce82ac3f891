package io.imsg.kafka.security;

import io.imsg.api.RecordOrigin;
import io.imsg.api.header.ImsgHeaders;
import io.imsg.kafka.security.UntrustedRecordException.Reason;
import io.imsg.kafka.security.crypto.KeyProvider;
import io.imsg.kafka.security.crypto.PayloadCipher;
import io.imsg.kafka.security.crypto.RecordSigner;
import io.imsg.kafka.security.crypto.SealedValueException;
import io.imsg.kafka.security.crypto.SignatureVerifier;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Optional end-to-end protection of records, per topic: AES-GCM encryption of the value (the
 * broker and topic readers see ciphertext only) and signatures a receiver verifies before anything
 * decodes the value. Immutable and thread-safe; set on {@code KafkaSettings.protection(...)} and
 * used by the publisher (seal, then sign) and the consumer (verify, then open).
 *
 * <pre>{@code
 * RecordProtection protection = RecordProtection.builder()
 *         .encrypt("orders", KeyStoreKeyProvider.load(keyStore, password, "orders-2026-11"))
 *         .sign("orders", RecordSigner.ed25519("order-svc-1", privateKey))       // the sender
 *         .verify("orders", SignatureVerifier.ed25519(Map.of("order-svc-1", publicKey)))  // receivers
 *         .build();
 * }</pre>
 *
 * <p>A topic set to {@code encrypt} accepts only encrypted values; one set to {@code verify} only
 * records with a valid signature. Anything else is an {@link UntrustedRecordException}: the record
 * is dead-lettered with its original bytes and no handler runs. Retry and dead-letter topics carry
 * the bytes unchanged and are checked against the original topic.
 */
public final class RecordProtection {

    private static final RecordProtection NONE = new Builder().build();

    private final Map<String, PayloadCipher> ciphers;
    private final Map<String, RecordSigner> signers;
    private final Map<String, SignatureVerifier> verifiers;

    private RecordProtection(Builder b) {
        this.ciphers = Map.copyOf(b.ciphers);
        this.signers = Map.copyOf(b.signers);
        this.verifiers = Map.copyOf(b.verifiers);
    }

    public static RecordProtection none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isNone() {
        return ciphers.isEmpty() && signers.isEmpty() && verifiers.isEmpty();
    }

    /** Whether values of {@code topic} are encrypted, so {@link #open} can decrypt them. */
    public boolean encrypts(String topic) {
        return ciphers.containsKey(topic);
    }

    /** Publishing: the value to write, encrypted if the topic says so; id and type are bound to it. */
    public byte[] seal(String topic, String messageId, String type, byte[] value) {
        PayloadCipher cipher = ciphers.get(topic);
        return cipher == null ? value : cipher.seal(value, associatedData(topic, messageId, type));
    }

    /** Publishing: adds the signature header if the topic's records are signed. Call after {@link #seal}. */
    public void sign(String topic, byte[] key, byte[] value, Headers headers) {
        RecordSigner signer = signers.get(topic);
        if (signer == null) {
            return;
        }
        byte[] data = RecordSignatures.canonical(topic, key, value, signedValues(headers, null), signer.keyId(),
                signer.algorithm());
        String header = RecordSignatures.header(signer.algorithm(), signer.keyId(), signer.sign(data));
        headers.remove(ImsgHeaders.SIGNATURE);
        headers.add(new RecordHeader(ImsgHeaders.SIGNATURE, header.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Consuming: verifies the signature if the topic requires one, then decrypts if the topic is
     * encrypted, and returns the envelope bytes to decode.
     *
     * @param topic the record's original topic (not its retry topic)
     * @throws UntrustedRecordException when a check fails
     */
    public byte[] open(String topic, byte[] key, byte[] value, Headers headers, RecordOrigin origin) {
        SignatureVerifier verifier = verifiers.get(topic);
        if (verifier != null) {
            verify(verifier, topic, key, value, headers, origin);
        }
        PayloadCipher cipher = ciphers.get(topic);
        if (cipher == null) {
            return value;
        }
        if (!PayloadCipher.looksSealed(value)) {
            throw new UntrustedRecordException(Reason.NOT_ENCRYPTED, "topic " + topic + " accepts encrypted values only",
                    origin);
        }
        String id = text(single(headers, ImsgHeaders.MESSAGE_ID, origin), ImsgHeaders.MESSAGE_ID, origin);
        String type = text(single(headers, ImsgHeaders.TYPE, origin), ImsgHeaders.TYPE, origin);
        try {
            return cipher.open(value, associatedData(topic, id, type));
        } catch (SealedValueException e) {
            Reason reason = switch (e.reason()) {
                case MALFORMED -> Reason.MALFORMED;
                case UNKNOWN_KEY -> Reason.UNKNOWN_KEY;
                case AUTHENTICATION_FAILED -> Reason.DECRYPTION_FAILED;
            };
            throw new UntrustedRecordException(reason, e.getMessage(), origin);
        }
    }

    private static void verify(SignatureVerifier verifier, String topic, byte[] key, byte[] value, Headers headers,
            RecordOrigin origin) {
        byte[] header = single(headers, ImsgHeaders.SIGNATURE, origin);
        if (header == null) {
            throw new UntrustedRecordException(Reason.UNSIGNED, "topic " + topic + " requires signed records", origin);
        }
        RecordSignatures.Parsed parsed = RecordSignatures.parse(header).orElseThrow(() ->
                new UntrustedRecordException(Reason.MALFORMED, "the " + ImsgHeaders.SIGNATURE + " header is malformed", origin));
        byte[] data = RecordSignatures.canonical(topic, key, value, signedValues(headers, origin), parsed.keyId(),
                parsed.algorithm());
        if (!verifier.verify(parsed.keyId(), parsed.algorithm(), data, parsed.signature())) {
            throw new UntrustedRecordException(Reason.BAD_SIGNATURE, "the signature (" + parsed.algorithm().wireName()
                    + ", key '" + parsed.keyId() + "') does not match the record or its key is unknown", origin);
        }
    }

    /** Values of the signed headers; with an origin (consuming), a repeated one is refused. */
    private static List<byte[]> signedValues(Headers headers, RecordOrigin origin) {
        List<byte[]> values = new ArrayList<>(RecordSignatures.SIGNED_HEADERS.size());
        for (String name : RecordSignatures.SIGNED_HEADERS) {
            values.add(single(headers, name, origin));
        }
        return values;
    }

    /** The header's one value, null if absent. A repeat could show readers a value other than the one checked. */
    private static byte[] single(Headers headers, String name, RecordOrigin origin) {
        Iterator<Header> found = headers.headers(name).iterator();
        if (!found.hasNext()) {
            return null;
        }
        byte[] value = found.next().value();
        if (found.hasNext()) {
            throw new UntrustedRecordException(Reason.MALFORMED, "header " + name + " appears more than once", origin);
        }
        return value;
    }

    private static String text(byte[] value, String name, RecordOrigin origin) {
        if (value == null) {
            throw new UntrustedRecordException(Reason.MALFORMED, "header " + name + " is missing", origin);
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    /** Topic, message id and type, length-prefixed: the context a ciphertext is valid in. */
    static byte[] associatedData(String topic, String messageId, String type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : new String[] {topic, messageId, type}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 24);
            out.write(bytes.length >>> 16);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "RecordProtection[encrypted=" + ciphers.keySet() + ", signed=" + signers.keySet() + ", verified="
                + verifiers.keySet() + "]";
    }

    public static final class Builder {

        private final Map<String, PayloadCipher> ciphers = new HashMap<>();
        private final Map<String, RecordSigner> signers = new HashMap<>();
        private final Map<String, SignatureVerifier> verifiers = new HashMap<>();

        private Builder() {}

        /** Encrypt values published to {@code topic}; accept only encrypted values from it. */
        public Builder encrypt(String topic, KeyProvider keys) {
            ciphers.put(topic(topic), PayloadCipher.create(Objects.requireNonNull(keys, "keys")));
            return this;
        }

        /** Sign records published to {@code topic}. */
        public Builder sign(String topic, RecordSigner signer) {
            signers.put(topic(topic), Objects.requireNonNull(signer, "signer"));
            return this;
        }

        /** Accept records from {@code topic} only with a signature this verifier accepts. */
        public Builder verify(String topic, SignatureVerifier verifier) {
            verifiers.put(topic(topic), Objects.requireNonNull(verifier, "verifier"));
            return this;
        }

        public RecordProtection build() {
            return new RecordProtection(this);
        }

        private static String topic(String topic) {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("protection topic must not be blank");
            }
            return topic;
        }
    }
}
