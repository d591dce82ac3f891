package io.imsg.kafka;

import io.imsg.api.Source;
import io.imsg.kafka.security.ClientPropertyGuard;
import io.imsg.kafka.security.RecordProtection;
import io.imsg.kafka.security.TransportSecurity;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * How to reach the Kafka cluster and who this service is; shared by publishers and subscribers.
 *
 * <pre>{@code
 * KafkaSettings kafka = KafkaSettings.builder()
 *         .bootstrapServers("broker-1:9092,broker-2:9092")
 *         .service("order-service")
 *         .clientProperty("security.protocol", "SSL")   // raw Kafka pass-through
 *         .build();
 * }</pre>
 *
 * <p>{@link Builder#clientProperty} is a raw pass-through to the Kafka clients (TLS, SASL and
 * tuning settings); it is applied last, so it can override iMSG's defaults. Prefer the typed
 * settings where one exists: {@link Builder#transportSecurity} for TLS and SASL, and
 * {@link Builder#protection} for payload encryption and signing. Pass-through properties that
 * would load code or read files and URLs (JAAS login modules other than Kafka's SCRAM, PLAIN and
 * OAUTHBEARER, config providers, iMSG's own serializers) are refused when built; see
 * docs/security.md.
 */
public final class KafkaSettings {

    private final String bootstrapServers;
    private final Source identity;
    private final Map<String, String> clientProperties;
    private final TransportSecurity transportSecurity;
    private final RecordProtection protection;

    private KafkaSettings(Builder builder) {
        this.bootstrapServers = builder.bootstrapServers;
        this.identity = new Source(builder.service, builder.instance != null ? builder.instance : defaultInstance());
        this.clientProperties = Map.copyOf(builder.clientProperties);
        this.transportSecurity = builder.transportSecurity;
        this.protection = builder.protection;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder().bootstrapServers(bootstrapServers).service(identity.service())
                .instance(identity.instance());
        clientProperties.forEach(builder::clientProperty);
        builder.protection(protection);
        return transportSecurity == null ? builder : builder.transportSecurity(transportSecurity);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** This service instance, stamped as the source of every message it publishes. */
    public Source identity() {
        return identity;
    }

    /** Raw Kafka client properties passed through unchanged. */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    /** Typed TLS/SASL settings; empty means Kafka's defaults (PLAINTEXT) unless passed through. */
    public Optional<TransportSecurity> transportSecurity() {
        return Optional.ofNullable(transportSecurity);
    }

    /** Payload encryption and signing per topic; {@link RecordProtection#none()} by default. */
    public RecordProtection protection() {
        return protection;
    }

    private static String defaultInstance() {
        // pid@host identifies the process for operators; the suffix keeps restarts distinct.
        return ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static final class Builder {

        private String bootstrapServers;
        private String service;
        private String instance;
        private final Map<String, String> clientProperties = new LinkedHashMap<>();
        private TransportSecurity transportSecurity;
        private RecordProtection protection = RecordProtection.none();

        private Builder() {}

        /** Comma-separated host:port list, as Kafka's {@code bootstrap.servers}. */
        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = Checks.nonBlank(bootstrapServers, "bootstrapServers");
            return this;
        }

        /** The logical service name, e.g. "inventory-service". */
        public Builder service(String service) {
            this.service = Checks.nonBlank(service, "service");
            return this;
        }

        /** This instance's id; defaults to pid@host plus a random suffix. */
        public Builder instance(String instance) {
            this.instance = Checks.nonBlank(instance, "instance");
            return this;
        }

        /** A raw Kafka client property (pass-through); applied after iMSG's defaults. */
        public Builder clientProperty(String name, String value) {
            Checks.nonBlank(name, "clientProperty name");
            clientProperties.put(name, Objects.requireNonNull(value, "clientProperty '" + name + "' value must not be null"));
            return this;
        }

        /** TLS and SASL for every client iMSG creates; pass-through properties still apply after it. */
        public Builder transportSecurity(TransportSecurity transportSecurity) {
            this.transportSecurity = Objects.requireNonNull(transportSecurity, "transportSecurity");
            return this;
        }

        /** Payload encryption and signing per topic, for publishing and consuming alike. */
        public Builder protection(RecordProtection protection) {
            this.protection = Objects.requireNonNull(protection, "protection");
            return this;
        }

        /** @throws IllegalArgumentException when a pass-through property is refused (named, value not shown) */
        public KafkaSettings build() {
            Checks.required(bootstrapServers, "bootstrapServers");
            Checks.required(service, "service");
            ClientPropertyGuard.check(clientProperties);
            return new KafkaSettings(this);
        }
    }
}
