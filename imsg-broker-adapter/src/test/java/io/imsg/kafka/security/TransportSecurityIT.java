package io.imsg.kafka.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.imsg.api.Message;
import io.imsg.examples.orders.OrderPlaced;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.AvroEnvelopeCodec;
import io.imsg.kafka.codec.DecodingLimits;
import io.imsg.kafka.codec.SchemaRegistry;
import io.imsg.kafka.internal.ClientConfigs;
import io.imsg.kafka.publish.KafkaPublisher;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.testkit.EmbeddedKafka;
import io.imsg.testkit.SecureListener;
import io.imsg.testkit.TestPki;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * iMSG's typed TLS and SCRAM settings against a real broker with a SASL_SSL listener, whose CA
 * and certificate are made here with keytool. The broker's certificate names only IP 127.0.0.1.
 */
class TransportSecurityIT {

    private static final String PASSWORD = "alice-Corr3ct-Pw";
    private static final String WRONG_PASSWORD = "alice-WR0NG-Pw-" + System.nanoTime();

    @TempDir
    static Path dir;
    static TestPki pki;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startBrokerWithTlsAndScram() {
        pki = TestPki.create(dir, "trusted");
        Path brokerKeys = pki.issue("broker", "ip:127.0.0.1");
        kafka = EmbeddedKafka.builder()
                .secureListener(SecureListener.of(brokerKeys, pki.password()).withUser("alice", PASSWORD))
                .build().start();
        kafka.createTopic("secure-orders", 1);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aClientTrustingTheCaConnectsAuthenticatesAndPublishes() throws Exception {
        KafkaSettings settings = settings(kafka.secureBootstrapServers(), pki.trustStore(), pki.password(), PASSWORD);
        var codec = AvroEnvelopeCodec.create(SchemaRegistry.create(), List.of(OrderPlaced.class), DecodingLimits.ofDefaults());

        try (Admin admin = Admin.create(ClientConfigs.admin(settings));
                KafkaPublisher publisher = KafkaPublisher.create(settings, PublisherSettings.ofDefaults(), codec,
                        new SimpleMeterRegistry())) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            var result = publisher.publish("secure-orders", Message.of(OrderPlaced.newBuilder().setOrderId("o-1")
                    .setSku("s").setQuantity(1).build())).get(30, TimeUnit.SECONDS);
            assertThat(result.topic()).isEqualTo("secure-orders");
        }
    }

    @Test
    void aBrokerCertificateFromAnUntrustedCaFailsTheHandshake() {
        TestPki stranger = TestPki.create(dir, "stranger");

        Throwable failure = describeCluster(settings(kafka.secureBootstrapServers(), stranger.trustStore(),
                stranger.password(), PASSWORD));

        assertThat(failure).rootCause().isInstanceOf(java.security.cert.CertPathBuilderException.class)
                .hasMessageContaining("unable to find valid certification path");
        assertThat(failure.getCause()).isInstanceOf(SslAuthenticationException.class)
                .hasMessageContaining("SSL handshake failed");
    }

    @Test
    void aCertificateWhoseNamesDoNotMatchTheHostFailsHostnameVerification() {
        String byName = "localhost:" + kafka.secureBootstrapServers().split(":")[1];

        Throwable failure = describeCluster(settings(byName, pki.trustStore(), pki.password(), PASSWORD));

        assertThat(failure.getCause()).isInstanceOf(SslAuthenticationException.class);
        assertThat(failure).rootCause().hasMessageContaining("matching localhost");
    }

    @Test
    void onlyTheLoudlyNamedInsecureFlagAcceptsTheMismatchedName() throws Exception {
        String byName = "localhost:" + kafka.secureBootstrapServers().split(":")[1];
        KafkaSettings insecure = KafkaSettings.builder().bootstrapServers(byName).service("security-it")
                .transportSecurity(TransportSecurity.builder().trustStore(pki.trustStore(), pki.password())
                        .scramSha512("alice", PASSWORD).insecureDisableHostnameVerification().build())
                .build();

        try (Admin admin = Admin.create(ClientConfigs.admin(insecure))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void aWrongScramPasswordFailsFastAndNoLogLineContainsIt() {
        ListAppender<ILoggingEvent> logs = captureAllLogs();
        try {
            KafkaSettings settings = settings(kafka.secureBootstrapServers(), pki.trustStore(), pki.password(), WRONG_PASSWORD);

            Throwable failure = describeCluster(settings);

            assertThat(failure.getCause()).isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
            assertThat(ThrowableProxyUtil.asString(new ch.qos.logback.classic.spi.ThrowableProxy(failure)))
                    .doesNotContain(WRONG_PASSWORD);
            assertThat(logs.list).isNotEmpty();
            for (ILoggingEvent event : logs.list) {
                String line = event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
                assertThat(line).doesNotContain(WRONG_PASSWORD).doesNotContain(pki.password());
            }
        } finally {
            release(logs);
        }
    }

    /** Fails, rather than waits out the 60 s default API timeout: the future must complete with an error. */
    private static Throwable describeCluster(KafkaSettings settings) {
        try (Admin admin = Admin.create(ClientConfigs.admin(settings))) {
            return catchThrowable(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
        }
    }

    private static KafkaSettings settings(String bootstrap, Path trustStore, String trustPassword, String password) {
        return KafkaSettings.builder().bootstrapServers(bootstrap).service("security-it")
                .transportSecurity(TransportSecurity.builder().trustStore(trustStore, trustPassword)
                        .scramSha512("alice", password).build())
                .build();
    }

    /** Every log event, Kafka's DEBUG included, while a test runs. */
    private static ListAppender<ILoggingEvent> captureAllLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        context.getLogger("org.apache.kafka").setLevel(Level.DEBUG);
        context.getLogger("io.imsg").setLevel(Level.DEBUG);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        context.getLogger("org.apache.kafka").setLevel(Level.WARN);
        context.getLogger("io.imsg").setLevel(Level.INFO);
    }
}
