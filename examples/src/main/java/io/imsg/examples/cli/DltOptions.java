package io.imsg.examples.cli;

import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.redrive.RedriveSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every {@code imsg dlt} command shares: which topic, which cluster, how to reach it.
 * TLS and SASL settings come in a Kafka client properties file, as with Kafka's own tools.
 */
final class DltOptions {

    static final String BOOTSTRAP_ENV = "IMSG_BOOTSTRAP_SERVERS";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC",
            description = "The routed topic (orders) or its dead-letter topic (orders.dlt).")
    private String topic;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:" + BOOTSTRAP_ENV + "}",
            description = "The Kafka cluster (default: $" + BOOTSTRAP_ENV + ").")
    private String bootstrapServers;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, ssl.*, sasl.*) passed to every client.")
    private Path clientConfig;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for Kafka before giving up (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    String topic() {
        if (topic.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--topic must not be blank");
        }
        return topic;
    }

    /** The cluster and its pass-through properties; a usage error when neither flag nor variable names it. */
    KafkaSettings kafka() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ParameterException(spec.commandLine(), "no Kafka cluster given: pass --bootstrap-servers"
                    + " HOST:PORT or set " + BOOTSTRAP_ENV);
        }
        KafkaSettings.Builder kafka = KafkaSettings.builder().bootstrapServers(bootstrapServers).service("imsg-cli");
        try {
            clientProperties().forEach((name, value) -> kafka.clientProperty(name.toString(), value.toString()));
            return kafka.build();
        } catch (IllegalArgumentException refused) {
            // A reused consumer.properties often holds settings iMSG owns (acks, deserializers): say which file.
            throw new ParameterException(spec.commandLine(), (clientConfig == null ? "" : "--client-config "
                    + clientConfig + ": ") + refused.getMessage());
        }
    }

    RedriveSettings settings() {
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be >= 1 second (was "
                    + timeoutSeconds + ")");
        }
        return RedriveSettings.ofDefaults().withTimeout(Duration.ofSeconds(timeoutSeconds));
    }

    private Properties clientProperties() {
        Properties properties = new Properties();
        if (clientConfig != null) {
            try (Reader in = Files.newBufferedReader(clientConfig)) {
                properties.load(in);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--client-config " + clientConfig
                        + " cannot be read: " + e.getMessage());
            }
        }
        return properties;
    }
}
