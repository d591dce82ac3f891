package io.imsg.kafka.security;

import io.imsg.api.header.ImsgHeaders;
import io.imsg.kafka.security.crypto.SignatureAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The canonical bytes a record signature covers, and the signature header's format. Covered: the
 * original topic, the key, the value (the whole envelope, or its ciphertext: source, priority and
 * payload included), the mirrored headers id, type, priority and source, and the key id and
 * algorithm. Not covered, because they change on the way: attempt, retry, dead-letter and redrive
 * headers, which iMSG never trusts for anything but bookkeeping.
 */
final class RecordSignatures {

    /** The headers a signature covers, in this order. */
    static final List<String> SIGNED_HEADERS =
            List.of(ImsgHeaders.MESSAGE_ID, ImsgHeaders.TYPE, ImsgHeaders.PRIORITY, ImsgHeaders.SOURCE);

    private static final byte[] DOMAIN = "imsg-signature-v1".getBytes(StandardCharsets.US_ASCII);
    private static final String VERSION = "v1";

    private RecordSignatures() {}

    /** Signed headers' values in {@link #SIGNED_HEADERS} order, null where absent. */
    static byte[] canonical(String topic, byte[] key, byte[] value, List<byte[]> signedHeaderValues, String keyId,
            SignatureAlgorithm algorithm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + (value == null ? 0 : value.length));
        out.writeBytes(DOMAIN);
        field(out, topic.getBytes(StandardCharsets.UTF_8));
        field(out, key);
        field(out, value);
        for (byte[] header : signedHeaderValues) {
            field(out, header);
        }
        field(out, keyId.getBytes(StandardCharsets.UTF_8));
        field(out, algorithm.wireName().getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static String header(SignatureAlgorithm algorithm, String keyId, byte[] signature) {
        return VERSION + ";" + algorithm.wireName() + ";" + keyId + ";" + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** The parsed signature header; empty when it is not in the expected format. */
    static Optional<Parsed> parse(byte[] header) {
        String[] parts = new String(header, StandardCharsets.UTF_8).split(";", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
            return Optional.empty();
        }
        Optional<SignatureAlgorithm> algorithm = SignatureAlgorithm.fromWire(parts[1]);
        try {
            byte[] signature = Base64.getUrlDecoder().decode(parts[3]);
            // The decoder ignores the unused low bits of the last character, so several texts decode to
            // one signature; only the canonical one is accepted, or a flipped bit there would go unseen.
            if (!Base64.getUrlEncoder().withoutPadding().encodeToString(signature).equals(parts[3])) {
                return Optional.empty();
            }
            return algorithm.map(a -> new Parsed(a, parts[2], signature));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    record Parsed(SignatureAlgorithm algorithm, String keyId, byte[] signature) {}

    /** Length-prefixed, with -1 for absent, so no two different inputs encode alike. */
    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        int length = bytes == null ? -1 : bytes.length;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }
}
