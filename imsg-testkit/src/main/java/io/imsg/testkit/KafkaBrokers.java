package io.imsg.testkit;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the broker a test run asked for (see {@link BrokerChoice}) and says which one it is,
 * in the log and on standard output, so every test report shows what the tests ran against:
 * {@code iMSG tests use: embedded KRaft broker (child JVM, pid 4242) at 127.0.0.1:40123}.
 */
public final class KafkaBrokers {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokers.class);

    private KafkaBrokers() {}

    /** Starts the broker chosen by the system property {@value BrokerChoice#PROPERTY}. */
    public static KafkaBroker start() {
        return start(BrokerChoice.fromSystemProperty(), ContainerKafka::dockerAvailable,
                () -> EmbeddedKafka.builder().build().start(), ContainerKafka::start);
    }

    /**
     * Starts the broker for {@code choice}.
     *
     * @throws IllegalStateException if Testcontainers is demanded and Docker is unavailable
     */
    static KafkaBroker start(BrokerChoice choice, BooleanSupplier dockerAvailable,
            Supplier<? extends KafkaBroker> embedded, Supplier<? extends KafkaBroker> containers) {
        Objects.requireNonNull(choice, "choice must not be null");
        KafkaBroker broker = switch (choice) {
            case EMBEDDED -> embedded.get();
            case TESTCONTAINERS -> {
                if (!dockerAvailable.getAsBoolean()) {
                    throw new IllegalStateException(BrokerChoice.PROPERTY + "=testcontainers, but Docker is not"
                            + " available; use " + BrokerChoice.PROPERTY + "=embedded or auto");
                }
                yield containers.get();
            }
            case AUTO -> startAuto(dockerAvailable, embedded, containers);
        };
        announce(broker);
        return broker;
    }

    private static KafkaBroker startAuto(BooleanSupplier dockerAvailable,
            Supplier<? extends KafkaBroker> embedded, Supplier<? extends KafkaBroker> containers) {
        if (!dockerAvailable.getAsBoolean()) {
            LOG.info("IMSG-9010 Docker is not available; using the embedded broker");
            return embedded.get();
        }
        try {
            return containers.get();
        } catch (RuntimeException e) {
            // Docker answers but the image cannot be pulled or started: the embedded broker
            // needs neither, and "auto" promises a broker, not a container.
            LOG.warn("IMSG-9011 Testcontainers Kafka did not start ({}); using the embedded broker", e.toString());
            return embedded.get();
        }
    }

    private static void announce(KafkaBroker broker) {
        String line = "iMSG tests use: " + broker.description();
        LOG.info("IMSG-9012 {}", line);
        System.out.println(line);
    }
}
