package io.imsg.examples.demo;

import io.imsg.testkit.EmbeddedKafka;
import io.imsg.testkit.EmbeddedKafkaBuilder;

/**
 * The Kafka cluster of a demo run: an existing one named by its bootstrap servers, or an embedded
 * KRaft broker in a child JVM that this object starts and, on {@link #close()}, stops.
 */
final class DemoCluster implements AutoCloseable {

    private final String bootstrapServers;
    private final String description;
    private final EmbeddedKafka embedded;

    private DemoCluster(String bootstrapServers, String description, EmbeddedKafka embedded) {
        this.bootstrapServers = bootstrapServers;
        this.description = description;
        this.embedded = embedded;
    }

    static DemoCluster start(DemoSettings settings) {
        if (settings.bootstrapServers().isPresent()) {
            String servers = settings.bootstrapServers().get();
            return new DemoCluster(servers, "existing cluster at " + servers, null);
        }
        EmbeddedKafkaBuilder builder = EmbeddedKafka.builder();
        settings.dataDir().ifPresent(builder::dataDir);
        EmbeddedKafka kafka = builder.build();
        try {
            kafka.start();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        String description = String.format("%s, started in %.1f s, data in %s%s", kafka.description(),
                kafka.lastStartupTime().toMillis() / 1000.0, kafka.dataDir(),
                settings.dataDir().isPresent() ? "" : " (temporary)");
        return new DemoCluster(kafka.bootstrapServers(), description, kafka);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** One line for the summary: which broker, where, and for an embedded one its pid. */
    String description() {
        return description;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
