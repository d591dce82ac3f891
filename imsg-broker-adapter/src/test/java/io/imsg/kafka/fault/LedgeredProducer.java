package io.imsg.kafka.fault;

import io.imsg.examples.orders.OrderPlaced;
import io.imsg.kafka.KafkaMessaging;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.publish.PublisherSettings;
import io.imsg.kafka.testing.PacedSender;
import io.imsg.testkit.fault.LedgerWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * A {@link PacedSender} with its own {@link KafkaMessaging}, appending each id to the {@code sent}
 * ledger once the broker acknowledged it. The producer's timeouts are shorter than a broker
 * restart, so sends caught by a kill fail and are sent again under the same id.
 */
final class LedgeredProducer implements AutoCloseable {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(8);

    private final KafkaMessaging messaging;
    private final PacedSender sender;

    LedgeredProducer(String bootstrapServers, String topic, LedgerWriter sent, int messages, int perSecond,
            int window) {
        this.messaging = messaging(bootstrapServers);
        this.sender = new PacedSender(messaging.publisher(), topic, messages, perSecond, window, sent::append);
    }

    /** Publishes the payload schema, then starts sending. */
    void start() {
        messaging.start();
        sender.start();
    }

    int acknowledged() {
        return sender.acknowledged();
    }

    int outstanding() {
        return sender.outstanding();
    }

    long resends() {
        return sender.resends();
    }

    boolean awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
        return sender.awaitAcknowledged(count, timeout);
    }

    boolean awaitAll(Duration timeout) throws InterruptedException {
        return sender.awaitAll(timeout);
    }

    /** Stops sending (outstanding sends still complete) and closes the producer. */
    @Override
    public void close() {
        try {
            sender.close();
        } finally {
            messaging.close();
        }
    }

    private static KafkaMessaging messaging(String bootstrapServers) {
        KafkaSettings kafka = KafkaSettings.builder().bootstrapServers(bootstrapServers).service("fault-producer")
                .clientProperty("request.timeout.ms", "5000").build();
        return KafkaMessaging.builder(kafka).publishes(OrderPlaced.class)
                .publisherSettings(PublisherSettings.ofDefaults().withDeliveryTimeout(DELIVERY_TIMEOUT))
                .meterRegistry(new SimpleMeterRegistry()).build();
    }
}
