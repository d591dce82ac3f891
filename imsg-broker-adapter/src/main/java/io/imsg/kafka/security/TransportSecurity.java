package io.imsg.kafka.security;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed TLS and SASL settings for every Kafka client iMSG creates. Immutable; {@link #toString()}
 * and the client configuration never show a secret (passwords travel as Kafka {@link Password}
 * values, which Kafka logs as {@code [hidden]}).
 *
 * <pre>{@code
 * TransportSecurity security = TransportSecurity.builder()
 *         .trustStore(Path.of("/etc/imsg/truststore.p12"), trustStorePassword)
 *         .scramSha512("inventory-service", passwordFromYourSecretStore)
 *         .build();                                          // SASL_SSL, hostname verification on
 * KafkaSettings kafka = KafkaSettings.builder().bootstrapServers("broker-1:9093").service("inventory-service")
 *         .transportSecurity(security).build();
 * }</pre>
 *
 * <p>Hostname verification stays on unless {@link Builder#insecureDisableHostnameVerification()}
 * is called, which logs a warning ({@code IMSG-1902}) every time such settings are built.
 */
public final class TransportSecurity {

    private static final Logger log = LoggerFactory.getLogger(TransportSecurity.class);

    /** The SASL mechanism a client authenticates with. */
    public enum Mechanism {
        SCRAM_SHA_256("SCRAM-SHA-256"),
        SCRAM_SHA_512("SCRAM-SHA-512");

        private final String kafkaName;

        Mechanism(String kafkaName) {
            this.kafkaName = kafkaName;
        }

        public String kafkaName() {
            return kafkaName;
        }
    }

    private final Path trustStore;
    private final Password trustStorePassword;
    private final Path keyStore;
    private final Password keyStorePassword;
    private final Mechanism mechanism;
    private final String username;
    private final Password password;
    private final boolean hostnameVerification;
    private final boolean tls;

    private TransportSecurity(Builder b) {
        this.trustStore = b.trustStore;
        this.trustStorePassword = b.trustStorePassword;
        this.keyStore = b.keyStore;
        this.keyStorePassword = b.keyStorePassword;
        this.mechanism = b.mechanism;
        this.username = b.username;
        this.password = b.password;
        this.hostnameVerification = b.hostnameVerification;
        this.tls = b.tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No TLS and no SASL: Kafka's PLAINTEXT, as on a laptop's embedded broker. */
    public static TransportSecurity plaintext() {
        return new Builder().plaintextTransport().build();
    }

    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** The Kafka client properties these settings stand for; secrets as {@link Password}. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> config = new HashMap<>();
        boolean sasl = mechanism != null;
        config.put("security.protocol", tls ? (sasl ? "SASL_SSL" : "SSL") : (sasl ? "SASL_PLAINTEXT" : "PLAINTEXT"));
        if (tls) {
            // "https" is Kafka's default too; set explicitly so a pass-through cannot be the only guard.
            config.put("ssl.endpoint.identification.algorithm", hostnameVerification ? "https" : "");
            if (trustStore != null) {
                config.put("ssl.truststore.location", trustStore.toString());
                config.put("ssl.truststore.type", "PKCS12");
                config.put("ssl.truststore.password", trustStorePassword);
            }
            if (keyStore != null) {
                config.put("ssl.keystore.location", keyStore.toString());
                config.put("ssl.keystore.type", "PKCS12");
                config.put("ssl.keystore.password", keyStorePassword);
            }
        }
        if (sasl) {
            config.put("sasl.mechanism", mechanism.kafkaName());
            config.put("sasl.jaas.config", new Password("org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"" + jaasEscaped(username) + "\" password=\"" + jaasEscaped(password.value()) + "\";"));
        }
        return config;
    }

    @Override
    public String toString() {
        return "TransportSecurity[tls=" + tls + ", trustStore=" + trustStore + ", keyStore=" + keyStore
                + ", sasl=" + (mechanism == null ? "none" : mechanism.kafkaName() + " as " + username)
                + ", hostnameVerification=" + hostnameVerification + "]";
    }

    /** Kafka parses JAAS values with a StreamTokenizer, which reads backslash escapes in quotes. */
    private static String jaasEscaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    public static final class Builder {

        private Path trustStore;
        private Password trustStorePassword;
        private Path keyStore;
        private Password keyStorePassword;
        private Mechanism mechanism;
        private String username;
        private Password password;
        private boolean hostnameVerification = true;
        private boolean tls = true;

        private Builder() {}

        /** A PKCS12 trust store holding the CA that signed the brokers' certificates. */
        public Builder trustStore(Path location, String password) {
            this.trustStore = Objects.requireNonNull(location, "trustStore location");
            this.trustStorePassword = new Password(Objects.requireNonNull(password, "trustStore password"));
            return this;
        }

        /** A PKCS12 key store with this client's certificate, for brokers that require mutual TLS. */
        public Builder keyStore(Path location, String password) {
            this.keyStore = Objects.requireNonNull(location, "keyStore location");
            this.keyStorePassword = new Password(Objects.requireNonNull(password, "keyStore password"));
            return this;
        }

        /** Authenticate with SASL/SCRAM-SHA-512. */
        public Builder scramSha512(String username, String password) {
            return scram(Mechanism.SCRAM_SHA_512, username, password);
        }

        public Builder scram(Mechanism mechanism, String username, String password) {
            this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("scram username must not be blank");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("scram password must not be empty");
            }
            this.username = username;
            this.password = new Password(password);
            return this;
        }

        /** No TLS: SASL_PLAINTEXT with SASL, else PLAINTEXT. For loopback and tests only. */
        public Builder plaintextTransport() {
            this.tls = false;
            return this;
        }

        /**
         * Accept a broker certificate whose names do not match the host connected to. Anyone who can
         * obtain a certificate from the same CA can then impersonate a broker: for a lab cluster
         * only. Logs {@code IMSG-1902} each time settings are built with it.
         */
        public Builder insecureDisableHostnameVerification() {
            this.hostnameVerification = false;
            return this;
        }

        public TransportSecurity build() {
            if (!tls && (trustStore != null || keyStore != null)) {
                throw new IllegalStateException("trustStore/keyStore are set but plaintextTransport() disables TLS");
            }
            if (tls && !hostnameVerification) {
                log.warn("IMSG-1902 INSECURE: TLS hostname verification is disabled; any certificate from the trusted CA"
                        + " is accepted for any broker");
            }
            return new TransportSecurity(this);
        }
    }
}
