package io.imsg.kafka.security.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Loads AES keys from a PKCS12 key store: each secret-key entry's alias is its key id. Create one
 * with the JDK's keytool:
 *
 * <pre>
 * keytool -genseckey -alias orders-2026-11 -keyalg AES -keysize 256 -storetype PKCS12 -keystore keys.p12
 * </pre>
 *
 * Rotation: add a key with a new alias and name it current on the next start; old aliases stay to
 * decrypt what is still on the topics.
 */
public final class KeyStoreKeyProvider {

    private KeyStoreKeyProvider() {}

    /**
     * @throws IllegalArgumentException when the store cannot be read or holds no AES key {@code currentKeyId};
     *     the message names the file and alias, never the password
     */
    public static KeyProvider load(Path store, char[] password, String currentKeyId) {
        return KeyProvider.of(aesKeys(store, password), currentKeyId);
    }

    /**
     * Every AES key of the store, to decrypt with only, as a tool reading records does: none is
     * current, and {@link KeyProvider#current()} throws.
     *
     * @throws IllegalArgumentException when the store cannot be read or holds no AES key; the
     *     message names the file, never the password
     */
    public static KeyProvider loadForReading(Path store, char[] password) {
        Map<String, SecretKey> keys = aesKeys(store, password);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("key store " + store + " holds no AES key");
        }
        keys.keySet().forEach(NamedKey::checkId);
        return new KeyProvider() {
            @Override
            public NamedKey current() {
                throw new IllegalStateException("the keys of " + store + " were loaded for reading only: none is"
                        + " current, so nothing can be encrypted with them");
            }

            @Override
            public Optional<SecretKey> find(String keyId) {
                return Optional.ofNullable(keys.get(keyId));
            }
        };
    }

    private static Map<String, SecretKey> aesKeys(Path store, char[] password) {
        Map<String, SecretKey> keys = new HashMap<>();
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    Key key = keyStore.getKey(alias, password);
                    if (key instanceof SecretKey secret && "AES".equalsIgnoreCase(secret.getAlgorithm())) {
                        keys.put(alias, secret);
                    }
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("key store " + store + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
        return Map.copyOf(keys);
    }
}
