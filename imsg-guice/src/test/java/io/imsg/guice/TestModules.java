package io.imsg.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.consume.SubscriberSettings;

/** The settings every test service binds; port 1 on loopback, where no broker ever listens. */
final class TestModules {

    static final String NO_BROKER = "127.0.0.1:1";

    private TestModules() {}

    static Module settings() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(KafkaSettings.class).toInstance(KafkaSettings.builder()
                        .bootstrapServers(NO_BROKER).service("test-service").instance("test-1").build());
                bind(SubscriberSettings.class).toInstance(SubscriberSettings.builder("test-group").build());
            }
        };
    }

    static Module kafkaSettingsOnly() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(KafkaSettings.class).toInstance(KafkaSettings.builder()
                        .bootstrapServers(NO_BROKER).service("test-service").instance("test-1").build());
            }
        };
    }

    static Module subscriberSettingsOnly() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(SubscriberSettings.class).toInstance(SubscriberSettings.builder("test-group").build());
            }
        };
    }
}
