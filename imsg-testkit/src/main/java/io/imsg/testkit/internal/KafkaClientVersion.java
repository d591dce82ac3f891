package io.imsg.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The version of the kafka-clients jar on the classpath, read from the properties file the jar
 * ships. Kafka's own reader of that file ({@code AppInfoParser}) is internal and moved package in
 * 4.4, so it is not called.
 */
public final class KafkaClientVersion {

    private static final String RESOURCE = "/kafka/kafka-version.properties";

    private KafkaClientVersion() {}

    /** For example "4.4.0". */
    public static String get() {
        try (InputStream in = KafkaProducer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("kafka-clients on the classpath has no " + RESOURCE);
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null || version.isBlank()) {
                throw new IllegalStateException(RESOURCE + " of kafka-clients names no version");
            }
            return version.trim();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE + " of kafka-clients", e);
        }
    }
}
