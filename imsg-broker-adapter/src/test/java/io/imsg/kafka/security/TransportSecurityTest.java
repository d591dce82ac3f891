package io.imsg.kafka.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.internal.ClientConfigs;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class TransportSecurityTest {

    private static final String SECRET = "pa\"ss\\word-42";

    private final TransportSecurity security = TransportSecurity.builder()
            .trustStore(Path.of("/etc/imsg/trust.p12"), "trust-" + SECRET)
            .scramSha512("alice", SECRET)
            .build();

    @Test
    void tlsWithScramBecomesSaslSslWithHostnameVerificationOn() {
        Map<String, Object> config = security.clientProperties();

        assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.endpoint.identification.algorithm", "https")
                .containsEntry("ssl.truststore.location", "/etc/imsg/trust.p12");
        assertThat(config.get("sasl.jaas.config")).isInstanceOf(Password.class);
    }

    @Test
    void secretsAreHiddenInToStringAndInTheConfigKafkaLogs() {
        Map<String, Object> config = security.clientProperties();

        assertThat(security.toString()).doesNotContain(SECRET).contains("alice");
        assertThat(config.toString()).doesNotContain(SECRET).doesNotContain("password-42");
    }

    @Test
    void quotesAndBackslashesInThePasswordSurviveKafkasJaasParser() {
        Map<String, Object> config = security.clientProperties();
        String jaas = ((Password) config.get("sasl.jaas.config")).value();

        var entries = org.apache.kafka.common.security.JaasContext
                .loadClientContext(Map.of("sasl.jaas.config", new Password(jaas))).configurationEntries();

        Map<String, ?> options = entries.get(0).getOptions();
        assertThat(options.get("password")).isEqualTo(SECRET);
        assertThat(options.get("username")).isEqualTo("alice");
    }

    @Test
    void hostnameVerificationIsOffOnlyThroughTheLoudlyNamedFlag() {
        TransportSecurity insecure = TransportSecurity.builder().insecureDisableHostnameVerification().build();

        assertThat(insecure.clientProperties()).containsEntry("ssl.endpoint.identification.algorithm", "")
                .containsEntry("security.protocol", "SSL");
        assertThat(insecure.hostnameVerification()).isFalse();
    }

    @Test
    void everyClientIMsgBuildsCarriesTheTransportSecurity() {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers("b:9093").service("svc").transportSecurity(security).build();

        assertThat(ClientConfigs.admin(kafka)).containsEntry(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        assertThat(kafka.toBuilder().build().transportSecurity()).contains(security);
    }

    @Test
    void invalidSettingsNameTheSetting() {
        assertThatThrownBy(() -> TransportSecurity.builder().scramSha512(" ", "x"))
                .hasMessage("scram username must not be blank");
        assertThatThrownBy(() -> TransportSecurity.builder().scramSha512("alice", ""))
                .hasMessage("scram password must not be empty");
        assertThatThrownBy(() -> TransportSecurity.builder().plaintextTransport()
                .trustStore(Path.of("t.p12"), "x").build())
                .hasMessageContaining("plaintextTransport() disables TLS");
    }
}
