package io.imsg.kafka.security.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The parsed, not yet authenticated, framing of sealed bytes; every length is checked first. */
record SealedValue(String keyId, byte[] header, byte[] salt, byte[] nonce, int bodyOffset) {

    private static final int TAG_BYTES = PayloadCipher.TAG_BITS / 8;

    static SealedValue parse(byte[] sealed) {
        if (!PayloadCipher.looksSealed(sealed) || sealed.length < 4) {
            throw malformed("the value is not an encrypted iMSG payload");
        }
        if (sealed[2] != PayloadCipher.VERSION) {
            throw malformed("unknown encryption format version " + (sealed[2] & 0xff));
        }
        int idLength = sealed[3] & 0xff;
        if (idLength == 0 || idLength > NamedKey.MAX_ID_LENGTH) {
            throw malformed("key id length " + idLength + " is out of range");
        }
        int saltAt = 4 + idLength;
        int nonceAt = saltAt + PayloadCipher.SALT_BYTES;
        int bodyAt = nonceAt + NonceSequence.NONCE_BYTES;
        if (sealed.length < bodyAt + TAG_BYTES) {
            throw malformed("the value is truncated (" + sealed.length + " bytes)");
        }
        String keyId = new String(sealed, 4, idLength, StandardCharsets.US_ASCII);
        return new SealedValue(keyId, Arrays.copyOfRange(sealed, 0, nonceAt), Arrays.copyOfRange(sealed, saltAt, nonceAt),
                Arrays.copyOfRange(sealed, nonceAt, bodyAt), bodyAt);
    }

    private static SealedValueException malformed(String detail) {
        return new SealedValueException(SealedValueException.Reason.MALFORMED, detail);
    }
}
