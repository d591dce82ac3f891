package io.imsg.kafka.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadCipherTest {

    static SecretKey aesKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }

    private static final byte[] AAD = "orders|id-1|OrderPlaced".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PLAINTEXT = "sku-SECRET-1234 quantity 7".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealedBytesOpenOnlyWithTheSameAssociatedData() throws Exception {
        PayloadCipher cipher = PayloadCipher.create(KeyProvider.of(Map.of("k1", aesKey()), "k1"));

        byte[] sealed = cipher.seal(PLAINTEXT, AAD);

        assertThat(cipher.open(sealed, AAD)).isEqualTo(PLAINTEXT);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("SECRET");
        SealedValueException wrong = catchThrowableOfType(SealedValueException.class,
                () -> cipher.open(sealed, "payments|id-1|OrderPlaced".getBytes(StandardCharsets.UTF_8)));
        assertThat(wrong.reason()).isEqualTo(SealedValueException.Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void twoEncryptionsOfTheSamePlaintextDiffer() throws Exception {
        PayloadCipher cipher = PayloadCipher.create(KeyProvider.of(Map.of("k1", aesKey()), "k1"));

        assertThat(cipher.seal(PLAINTEXT, AAD)).isNotEqualTo(cipher.seal(PLAINTEXT, AAD));
    }

    @Test
    void rotationEncryptsUnderTheNewKeyAndOldRecordsStillOpen() throws Exception {
        Map<String, SecretKey> keys = new HashMap<>(Map.of("k1", aesKey(), "k2", aesKey()));
        AtomicReference<String> current = new AtomicReference<>("k1");
        KeyProvider rotating = new KeyProvider() {
            @Override public NamedKey current() { return new NamedKey(current.get(), keys.get(current.get())); }
            @Override public java.util.Optional<SecretKey> find(String id) { return java.util.Optional.ofNullable(keys.get(id)); }
        };
        PayloadCipher cipher = PayloadCipher.create(rotating);
        byte[] old = cipher.seal(PLAINTEXT, AAD);

        current.set("k2");
        byte[] fresh = cipher.seal(PLAINTEXT, AAD);

        assertThat(SealedValue.parse(old).keyId()).isEqualTo("k1");
        assertThat(SealedValue.parse(fresh).keyId()).isEqualTo("k2");
        assertThat(cipher.open(old, AAD)).isEqualTo(PLAINTEXT);
        assertThat(cipher.open(fresh, AAD)).isEqualTo(PLAINTEXT);
    }

    @Test
    void aDataKeyIsReplacedWithAFreshSaltBeforeItsNonceLimit() throws Exception {
        PayloadCipher cipher = PayloadCipher.withKeyLimit(KeyProvider.of(Map.of("k1", aesKey()), "k1"), 2);

        byte[][] sealed = {cipher.seal(PLAINTEXT, AAD), cipher.seal(PLAINTEXT, AAD), cipher.seal(PLAINTEXT, AAD)};

        assertThat(SealedValue.parse(sealed[0]).salt()).isEqualTo(SealedValue.parse(sealed[1]).salt());
        assertThat(SealedValue.parse(sealed[2]).salt()).isNotEqualTo(SealedValue.parse(sealed[0]).salt());
        assertThat(SealedValue.parse(sealed[2]).nonce()).isEqualTo(NonceSequence.nonce(0));
        for (byte[] value : sealed) {
            assertThat(cipher.open(value, AAD)).isEqualTo(PLAINTEXT);
        }
    }

    @Test
    void anUnknownKeyIdIsATypedRejection() throws Exception {
        byte[] sealed = PayloadCipher.create(KeyProvider.of(Map.of("k1", aesKey()), "k1")).seal(PLAINTEXT, AAD);
        PayloadCipher other = PayloadCipher.create(KeyProvider.of(Map.of("k9", aesKey()), "k9"));

        assertThat(catchThrowableOfType(SealedValueException.class, () -> other.open(sealed, AAD)).reason())
                .isEqualTo(SealedValueException.Reason.UNKNOWN_KEY);
    }

    @Test
    void everyPrefixAndEverySingleBitFlipIsATypedRejection() throws Exception {
        PayloadCipher cipher = PayloadCipher.create(KeyProvider.of(Map.of("k1", aesKey()), "k1"));
        byte[] sealed = cipher.seal(PLAINTEXT, AAD);

        for (int length = 0; length < sealed.length; length++) {
            byte[] prefix = Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> cipher.open(prefix, AAD)).isInstanceOf(SealedValueException.class);
        }
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] flipped = sealed.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> cipher.open(flipped, AAD)).isInstanceOf(SealedValueException.class);
        }
    }

    @Test
    void keysLoadFromAPkcs12KeyStoreByAlias(@TempDir Path dir) throws Exception {
        char[] password = "store-pass".toCharArray();
        SecretKey key = aesKey();
        Path file = keyStore(dir.resolve("keys.p12"), password, Map.of("orders-2026-11", key));

        KeyProvider keys = KeyStoreKeyProvider.load(file, password, "orders-2026-11");

        assertThat(keys.current().id()).isEqualTo("orders-2026-11");
        assertThat(keys.find("orders-2026-11"))
                .hasValueSatisfying(k -> assertThat(k.getEncoded()).isEqualTo(key.getEncoded()));
        assertThatThrownBy(() -> KeyStoreKeyProvider.load(file, password, "missing"))
                .hasMessageContaining("currentKeyId 'missing' is not among the keys");
        assertThatThrownBy(() -> KeyStoreKeyProvider.load(file, "wrong".toCharArray(), "orders-2026-11"))
                .hasMessageContaining("cannot be read").hasMessageNotContaining("wrong");
    }

    @Test
    void keysLoadForReadingWithoutACurrentOne(@TempDir Path dir) throws Exception {
        char[] password = "store-pass".toCharArray();
        SecretKey old = aesKey();
        SecretKey newer = aesKey();
        Path file = keyStore(dir.resolve("keys.p12"), password, Map.of("orders-2026-10", old, "orders-2026-11", newer));
        byte[] sealed = PayloadCipher.create(KeyProvider.of(Map.of("orders-2026-10", old), "orders-2026-10"))
                .seal(PLAINTEXT, AAD);

        KeyProvider keys = KeyStoreKeyProvider.loadForReading(file, password);

        assertThat(PayloadCipher.create(keys).open(sealed, AAD)).isEqualTo(PLAINTEXT);
        assertThat(keys.find("orders-2026-11")).hasValueSatisfying(k -> assertThat(k.getEncoded())
                .isEqualTo(newer.getEncoded()));
        assertThatThrownBy(keys::current).hasMessageContaining("loaded for reading only");
        assertThatThrownBy(() -> PayloadCipher.create(keys).seal(PLAINTEXT, AAD))
                .hasMessageContaining("loaded for reading only");
    }

    @Test
    void aKeyStoreWithoutAesKeysCannotBeReadFrom(@TempDir Path dir) throws Exception {
        char[] password = "store-pass".toCharArray();
        Path file = keyStore(dir.resolve("empty.p12"), password, Map.of());

        assertThatThrownBy(() -> KeyStoreKeyProvider.loadForReading(file, password))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no AES key");
        assertThatThrownBy(() -> KeyStoreKeyProvider.loadForReading(dir.resolve("missing.p12"), password))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
    }

    /** A PKCS12 store holding {@code keys} by alias, as keytool -genseckey makes them. */
    private static Path keyStore(Path file, char[] password, Map<String, SecretKey> keys) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        for (Map.Entry<String, SecretKey> key : keys.entrySet()) {
            store.setEntry(key.getKey(), new KeyStore.SecretKeyEntry(key.getValue()),
                    new KeyStore.PasswordProtection(password));
        }
        try (var out = java.nio.file.Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }

    @Test
    void keyIdsAreShortPrintableAscii() throws Exception {
        SecretKey key = aesKey();
        assertThatThrownBy(() -> KeyProvider.of(Map.of("a;b", key), "a;b")).hasMessageContaining("key id must be");
        assertThatThrownBy(() -> KeyProvider.of(Map.of("x".repeat(65), key), "x")).hasMessageContaining("key id must be");
        assertThat(new NamedKey("k1", key).toString()).doesNotContain(Arrays.toString(key.getEncoded()));
    }
}
