package io.imsg.kafka.security.crypto;

import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Where payload-encryption keys come from. Implementations are thread-safe. Rotation: make a new
 * key {@link #current()}; keep old ones findable by id for as long as records encrypted under
 * them may still be read (retention of the topic, its retry and dead-letter topics).
 *
 * <pre>{@code
 * KeyProvider keys = KeyStoreKeyProvider.load(Path.of("/etc/imsg/keys.p12"), password, "orders-2026-11");
 * }</pre>
 */
public interface KeyProvider {

    /** The key new messages are encrypted with. */
    NamedKey current();

    /** A key by id, to decrypt; empty when unknown (an unknown id is a typed rejection). */
    Optional<SecretKey> find(String keyId);

    /** Keys held in memory (tests, or keys fetched from a secret manager); {@code currentId} must be among them. */
    static KeyProvider of(Map<String, SecretKey> keys, String currentId) {
        Map<String, SecretKey> copy = Map.copyOf(keys);
        copy.keySet().forEach(NamedKey::checkId);
        SecretKey current = copy.get(currentId);
        if (current == null) {
            throw new IllegalArgumentException("currentKeyId '" + currentId + "' is not among the keys " + copy.keySet());
        }
        NamedKey named = new NamedKey(currentId, current);
        return new KeyProvider() {
            @Override
            public NamedKey current() {
                return named;
            }

            @Override
            public Optional<SecretKey> find(String keyId) {
                return Optional.ofNullable(copy.get(keyId));
            }
        };
    }
}
