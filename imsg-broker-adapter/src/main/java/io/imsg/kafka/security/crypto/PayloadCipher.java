package io.imsg.kafka.security.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM envelope encryption with key ids. Thread-safe.
 *
 * <p>Each cipher instance derives its own data key from the provider's current key and a random
 * 128-bit salt (HKDF-SHA256), and numbers its nonces with a counter ({@link NonceSequence}). A
 * nonce therefore never repeats under one derived key, even with many processes sharing one
 * master key; the data key is replaced with a new salt before its counter reaches 2^32, and at
 * once when the provider's current key changes (rotation).
 *
 * <p>Sealed bytes: {@code 0xE5 'I' version(1) idLength(1) keyId salt(16) nonce(12) ciphertext tag(16)}.
 * Everything before the nonce, plus the caller's associated data (iMSG binds topic, message id
 * and type), is authenticated: moving the bytes to another topic, or changing an id, type or key
 * id, makes {@link #open} fail.
 */
public final class PayloadCipher {

    static final byte MAGIC_0 = (byte) 0xE5;
    static final byte MAGIC_1 = 'I';
    static final byte VERSION = 1;
    static final int SALT_BYTES = 16;
    static final int TAG_BITS = 128;
    private static final byte[] INFO = "imsg payload aes-256-gcm v1".getBytes(StandardCharsets.US_ASCII);

    private final KeyProvider keys;
    private final long keyLimit;
    private final SecureRandom random = new SecureRandom();
    private volatile DataKey dataKey;

    private PayloadCipher(KeyProvider keys, long keyLimit) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.keyLimit = keyLimit;
    }

    public static PayloadCipher create(KeyProvider keys) {
        return new PayloadCipher(keys, NonceSequence.DEFAULT_LIMIT);
    }

    /** A cipher whose data keys are replaced after {@code encryptionsPerKey} uses (tests of rotation). */
    static PayloadCipher withKeyLimit(KeyProvider keys, long encryptionsPerKey) {
        return new PayloadCipher(keys, encryptionsPerKey);
    }

    /** True when the bytes start like a sealed value (a cheap check, not a verification). */
    public static boolean looksSealed(byte[] value) {
        return value != null && value.length > 2 && value[0] == MAGIC_0 && value[1] == MAGIC_1;
    }

    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        while (true) {
            DataKey key = currentDataKey();
            long counter = key.nonces.nextCounter();
            if (counter >= 0) {
                return key.seal(plaintext, NonceSequence.nonce(counter), associatedData);
            }
            replace(key);
        }
    }

    /**
     * @throws SealedValueException when the bytes are malformed, name an unknown key, or fail
     *     authentication; its message never contains key material or plaintext
     */
    public byte[] open(byte[] sealed, byte[] associatedData) {
        SealedValue parsed = SealedValue.parse(sealed);
        SecretKey master = keys.find(parsed.keyId()).orElseThrow(() -> new SealedValueException(
                SealedValueException.Reason.UNKNOWN_KEY, "no key with id '" + parsed.keyId() + "'"));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, derive(master, parsed.salt()), new GCMParameterSpec(TAG_BITS, parsed.nonce()));
            cipher.updateAAD(parsed.header());
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, parsed.bodyOffset(), sealed.length - parsed.bodyOffset());
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SealedValueException(SealedValueException.Reason.AUTHENTICATION_FAILED,
                    "authentication failed: wrong topic, id, type or key, or altered bytes");
        } catch (GeneralSecurityException e) {
            throw new SealedValueException(SealedValueException.Reason.AUTHENTICATION_FAILED,
                    "cannot decrypt: " + e.getClass().getSimpleName());
        }
    }

    private DataKey currentDataKey() {
        DataKey key = dataKey;
        NamedKey master = keys.current();
        if (key == null || !key.masterId.equals(master.id())) {
            synchronized (this) {
                key = dataKey;
                if (key == null || !key.masterId.equals(master.id())) {
                    key = newDataKey(master);
                    dataKey = key;
                }
            }
        }
        return key;
    }

    private synchronized void replace(DataKey exhausted) {
        if (dataKey == exhausted) {
            dataKey = newDataKey(keys.current());
        }
    }

    private DataKey newDataKey(NamedKey master) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new DataKey(master.id(), salt, derive(master.key(), salt), new NonceSequence(keyLimit));
    }

    private static SecretKey derive(SecretKey master, byte[] salt) {
        byte[] material = master.getEncoded();
        if (material == null) {
            throw new IllegalStateException("the master key cannot be exported for key derivation (algorithm "
                    + master.getAlgorithm() + ")");
        }
        try {
            return new SecretKeySpec(Hkdf.sha256(material, salt, INFO), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 unavailable", e);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** One derived key with its salt and nonce counter; the header bytes are fixed per key. */
    private static final class DataKey {

        final String masterId;
        final NonceSequence nonces;
        private final SecretKey key;
        private final byte[] header;

        DataKey(String masterId, byte[] salt, SecretKey key, NonceSequence nonces) {
            this.masterId = masterId;
            this.key = key;
            this.nonces = nonces;
            byte[] id = masterId.getBytes(StandardCharsets.US_ASCII);
            this.header = ByteBuffer.allocate(4 + id.length + SALT_BYTES)
                    .put(MAGIC_0).put(MAGIC_1).put(VERSION).put((byte) id.length).put(id).put(salt).array();
        }

        byte[] seal(byte[] plaintext, byte[] nonce, byte[] associatedData) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(header);
                cipher.updateAAD(associatedData);
                byte[] out = new byte[header.length + nonce.length + cipher.getOutputSize(plaintext.length)];
                System.arraycopy(header, 0, out, 0, header.length);
                System.arraycopy(nonce, 0, out, header.length, nonce.length);
                cipher.doFinal(plaintext, 0, plaintext.length, out, header.length + nonce.length);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM encryption failed: " + e.getClass().getSimpleName(), e);
            }
        }
    }
}
