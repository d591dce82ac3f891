package io.imsg.testkit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A SASL_SSL listener for an {@link EmbeddedKafka}, next to its PLAINTEXT one: TLS with the
 * given PKCS12 key store (make one with {@link TestPki}), SCRAM-SHA-512 authentication, and the
 * SCRAM users the broker creates once it is ready. {@link #toString()} shows no password.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(dir);
 * EmbeddedKafka kafka = EmbeddedKafka.builder()
 *         .secureListener(SecureListener.of(pki.issue("broker", "ip:127.0.0.1"), pki.password())
 *                 .withUser("alice", "alice-secret"))
 *         .build().start();
 * kafka.secureBootstrapServers();   // 127.0.0.1:<port>, SASL_SSL
 * }</pre>
 *
 * @param keyStore PKCS12 key store with the broker's key and certificate chain
 * @param keyStorePassword its password (and the key's)
 * @param scramUsers SCRAM-SHA-512 users by name, with their passwords
 */
public record SecureListener(Path keyStore, String keyStorePassword, Map<String, String> scramUsers) {

    /** The listener's name in the broker configuration. */
    public static final String NAME = "SECURE";

    public SecureListener {
        Objects.requireNonNull(keyStore, "keyStore must not be null");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword must not be null");
        scramUsers = Map.copyOf(Objects.requireNonNull(scramUsers, "scramUsers must not be null"));
    }

    public static SecureListener of(Path keyStore, String keyStorePassword) {
        return new SecureListener(keyStore, keyStorePassword, Map.of());
    }

    /** This listener with one more SCRAM-SHA-512 user. */
    public SecureListener withUser(String name, String password) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("scram user name must not be blank");
        }
        Objects.requireNonNull(password, "scram user '" + name + "' password must not be null");
        Map<String, String> users = new LinkedHashMap<>(scramUsers);
        users.put(name, password);
        return new SecureListener(keyStore, keyStorePassword, users);
    }

    @Override
    public String toString() {
        return "SecureListener[keyStore=" + keyStore + ", users=" + scramUsers.keySet() + "]";
    }
}
